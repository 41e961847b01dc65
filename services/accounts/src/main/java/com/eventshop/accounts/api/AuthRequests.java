package com.eventshop.accounts.api;

import com.eventshop.accounts.store.User;
import java.time.Instant;

/** Request and response bodies of the accounts API. */
public final class AuthRequests {

    private AuthRequests() {
    }

    public record AddressRequest(String street, String city, String postalCode, String country) {
        User.PostalAddress toStored() {
            return new User.PostalAddress(strip(street), strip(city), strip(postalCode),
                    country == null ? null : country.strip().toUpperCase(java.util.Locale.ROOT));
        }
    }

    public record SignupRequest(String email, String password, String name, AddressRequest address) {
    }

    public record LoginRequest(String email, String password) {
    }

    public record RefreshRequest(String refreshToken) {
    }

    public record ServiceTokenRequest(String clientId, String clientSecret) {
    }

    public record ApiTokenExchangeRequest(String apiToken) {
    }

    public record CreateApiTokenRequest(String name) {
    }

    public record ProfileRequest(String name, AddressRequest address) {
    }

    /** Tokens after login or refresh. {@code refreshToken} is absent for service and API-token exchanges. */
    public record TokenResponse(String accessToken, String tokenType, long expiresIn, String refreshToken) {
    }

    public record AccountView(String customerId, String email, String name, String role, AddressRequest address) {
        static AccountView of(User user) {
            User.PostalAddress a = user.address();
            return new AccountView(user.id(), user.email(), user.name(), user.role(),
                    a == null ? null : new AddressRequest(a.street(), a.city(), a.postalCode(), a.country()));
        }
    }

    /** A new API token: the only time the token itself is shown. */
    public record CreatedApiToken(String id, String name, String token, Instant createdAt) {
    }

    public record ApiTokenView(String id, String name, Instant createdAt, Instant revokedAt) {
    }

    private static String strip(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
