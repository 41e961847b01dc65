package com.eventshop.accounts.store;

import java.time.Instant;

/** A user as stored. {@code role} is customer or admin. */
public record User(String id, String email, String passwordHash, String name, String role,
                   PostalAddress address, Instant createdAt, Instant updatedAt, int version) {

    /** A postal address; every part may be missing for a user who never gave one. */
    public record PostalAddress(String street, String city, String postalCode, String country) {
        public boolean complete() {
            return street != null && city != null && postalCode != null && country != null;
        }
    }
}
