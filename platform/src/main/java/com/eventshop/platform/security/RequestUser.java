package com.eventshop.platform.security;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is calling, as the verified token says: the subject (a customer id, an admin's id, or
 * {@code service:<name>}) and the roles. Services authorise with it:
 * {@code RequestUser.current().mayActFor(order.customerId())}.
 */
public record RequestUser(String subject, Set<String> roles) {

    public static final String CUSTOMER = "customer";
    public static final String ADMIN = "admin";
    public static final String SERVICE = "service";

    public static final RequestUser ANONYMOUS = new RequestUser("anonymous", Set.of());

    /** The caller of the current request (on the request's thread); {@link #ANONYMOUS} if none. */
    public static RequestUser current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return ANONYMOUS;
        }
        Set<String> roles = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring("ROLE_".length()))
                .collect(Collectors.toUnmodifiableSet());
        if (authentication instanceof AnonymousAuthenticationToken && roles.isEmpty()) {
            return ANONYMOUS;
        }
        return new RequestUser(authentication.getName(), roles);
    }

    public boolean isAdmin() {
        return roles.contains(ADMIN);
    }

    public boolean isService() {
        return roles.contains(SERVICE);
    }

    /** Admins and service identities act on behalf of any customer. */
    public boolean isStaff() {
        return isAdmin() || isService();
    }

    /** May this caller see or act on what belongs to {@code customerId}? */
    public boolean mayActFor(String customerId) {
        return isStaff() || (roles.contains(CUSTOMER) && subject.equals(customerId));
    }
}
