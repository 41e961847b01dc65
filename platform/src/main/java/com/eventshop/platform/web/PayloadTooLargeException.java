package com.eventshop.platform.web;

import java.io.IOException;

/** A request body went past {@code eventshop.http.max-body-bytes}: answered with 413. */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("Request body is larger than " + limit + " bytes");
    }
}
