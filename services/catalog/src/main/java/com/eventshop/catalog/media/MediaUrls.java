package com.eventshop.catalog.media;

/**
 * Public URLs of public media: {@code <public-base-url>/<key>}. By default the base is
 * {@code /media}, answered by this service (and routed to it by the gateway); a CDN or a
 * public bucket can take its place by configuration.
 */
public record MediaUrls(String publicBaseUrl) {

    public MediaUrls {
        publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    public String publicUrl(String key) {
        return key == null ? null : publicBaseUrl + "/" + key;
    }
}
