package com.eventshop.search.domain;

/** A search request that cannot be answered as asked (a 400 for the HTTP client). */
public class InvalidSearchException extends RuntimeException {

    private final String parameter;

    public InvalidSearchException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
