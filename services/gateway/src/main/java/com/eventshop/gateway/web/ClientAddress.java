package com.eventshop.gateway.web;

import java.util.List;
import java.util.Set;

/**
 * Who the client is: the first address of X-Forwarded-For, but only when the peer that
 * connected is a trusted proxy (anyone else could write any address there); otherwise the
 * peer address itself.
 */
public final class ClientAddress {

    private final Set<String> trustedProxies;

    public ClientAddress(List<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies.stream().map(String::strip).toList());
    }

    public String of(String peerAddress, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank() || !trustedProxies.contains(peerAddress)) {
            return peerAddress;
        }
        String first = forwardedFor.split(",")[0].strip();
        return first.isEmpty() || first.length() > 64 ? peerAddress : first;
    }
}
