package com.eventshop.gateway.web;

/** Request attributes the proxy fills in for the request log. */
public final class GatewayRequest {

    public static final String ROUTE = "eventshop.gateway.route";
    public static final String USERNAME = "eventshop.gateway.username";
    public static final String CLIENT = "eventshop.gateway.client";
    public static final String REQUEST_BODY = "eventshop.gateway.requestBody";
    public static final String RESPONSE_BODY = "eventshop.gateway.responseBody";

    private GatewayRequest() {
    }
}
