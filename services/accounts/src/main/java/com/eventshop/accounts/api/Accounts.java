package com.eventshop.accounts.api;

import com.eventshop.accounts.api.AuthRequests.AccountView;
import com.eventshop.accounts.api.AuthRequests.ApiTokenView;
import com.eventshop.accounts.api.AuthRequests.CreatedApiToken;
import com.eventshop.accounts.api.AuthRequests.SignupRequest;
import com.eventshop.accounts.api.AuthRequests.TokenResponse;
import com.eventshop.accounts.config.AccountsProperties;
import com.eventshop.accounts.domain.OpaqueTokens;
import com.eventshop.accounts.domain.RefreshTokenState;
import com.eventshop.accounts.domain.SignupRules;
import com.eventshop.accounts.store.AccountStore;
import com.eventshop.accounts.store.User;
import com.eventshop.accounts.tokens.TokenIssuer;
import com.eventshop.platform.security.RequestUser;
import com.eventshop.platform.web.ProblemException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** What accounts does, top-down: sign up, log in, refresh, log out, service and API tokens, profile. */
@Service
public class Accounts {

    private static final URI BAD_CREDENTIALS = URI.create("urn:eventshop:problem:bad-credentials");

    private final AccountStore store;
    private final PasswordEncoder passwords;
    private final TokenIssuer issuer;
    private final CustomerPublisher publisher;
    private final TransactionTemplate transactions;
    private final AccountsProperties properties;
    private final Clock clock;
    /** Checked against when the email is unknown, so that a wrong email takes as long as a wrong password. */
    private final String decoyHash;

    public Accounts(AccountStore store, PasswordEncoder passwords, TokenIssuer issuer, CustomerPublisher publisher,
            TransactionTemplate transactions, AccountsProperties properties, Clock clock) {
        this.store = store;
        this.passwords = passwords;
        this.issuer = issuer;
        this.publisher = publisher;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    public AccountView signup(SignupRequest request) {
        List<SignupRules.Violation> violations = SignupRules.check(request.email(), request.password(), request.name());
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest("The sign-up is not valid").with("errors",
                    violations.stream().map(v -> Map.of("field", v.field(), "message", v.message())).toList());
        }
        Instant now = clock.instant();
        User user = new User("c-" + UUID.randomUUID(), SignupRules.normaliseEmail(request.email()),
                passwords.encode(request.password()), request.name().strip(), RequestUser.CUSTOMER,
                request.address() == null ? null : request.address().toStored(), now, now, 1);
        if (!store.insertUser(user)) {
            throw ProblemException.conflict("An account with this email exists already")
                    .type(URI.create("urn:eventshop:problem:email-taken"));
        }
        publisher.publishPending();
        return AccountView.of(user);
    }

    public TokenResponse login(String email, String password) {
        Optional<User> user = email == null ? Optional.empty() : store.userByEmail(SignupRules.normaliseEmail(email));
        String hash = user.map(User::passwordHash).orElse(decoyHash);
        boolean matches = password != null && passwords.matches(password, hash);
        if (user.isEmpty() || !matches) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "Login failed", "Wrong email or password")
                    .type(BAD_CREDENTIALS);
        }
        return tokensFor(user.get(), UUID.randomUUID().toString(), "pwd");
    }

    /** One use per refresh token: the answer carries its successor; a reused token revokes its family. */
    public TokenResponse refresh(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            throw ProblemException.badRequest("refreshToken is required");
        }
        String hash = OpaqueTokens.hash(refreshToken);
        Instant now = clock.instant();
        // Decide and record in one transaction (the token row is locked), answer after the commit:
        // a family revoked because of reuse must stay revoked even though the caller gets a 401.
        Object outcome = transactions.execute(status -> {
            Optional<RefreshTokenState> state = store.lockRefreshToken(hash);
            if (state.isEmpty()) {
                return RefreshTokenState.Verdict.REVOKED;
            }
            RefreshTokenState.Verdict verdict = state.get().verdict(now);
            if (verdict == RefreshTokenState.Verdict.REUSED) {
                store.revokeFamily(state.get().familyId(), now);
                return verdict;
            }
            if (verdict != RefreshTokenState.Verdict.VALID) {
                return verdict;
            }
            store.markRefreshTokenUsed(hash, now);
            User user = store.userById(state.get().userId()).orElseThrow();
            return tokensFor(user, state.get().familyId(), "refresh");
        });
        if (outcome instanceof TokenResponse tokens) {
            return tokens;
        }
        throw new ProblemException(HttpStatus.UNAUTHORIZED, "Refresh refused", switch ((RefreshTokenState.Verdict) outcome) {
            case REUSED -> "This refresh token was used already; every session of this login is now closed";
            case EXPIRED -> "The refresh token has expired; log in again";
            default -> "The refresh token is not valid; log in again";
        }).type(BAD_CREDENTIALS);
    }

    /** Ends the login the refresh token belongs to (all its successors too). Unknown tokens: nothing to do. */
    public void logout(String refreshToken) {
        if (refreshToken == null || refreshToken.isBlank()) {
            return;
        }
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> store.lockRefreshToken(OpaqueTokens.hash(refreshToken))
                .ifPresent(state -> store.revokeFamily(state.familyId(), now)));
    }

    /** Client credentials: a service identity gets a short-lived service token. */
    public TokenResponse serviceToken(String clientId, String clientSecret) {
        String expected = clientId == null ? null : properties.getServiceClients().get(clientId);
        if (expected == null || expected.isBlank() || !OpaqueTokens.sameSecret(expected, clientSecret)) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "Login failed", "Unknown client or wrong secret")
                    .type(BAD_CREDENTIALS);
        }
        TokenIssuer.AccessToken token = issuer.issue("service:" + clientId, List.of(RequestUser.SERVICE), null,
                "client_credentials");
        return new TokenResponse(token.token(), "Bearer", token.expiresIn().toSeconds(), null);
    }

    /** A personal API token traded for a short-lived access JWT of its owner (the gateway does this). */
    public TokenResponse exchangeApiToken(String apiToken) {
        Optional<AccountStore.ApiToken> stored = apiToken == null || !apiToken.startsWith(OpaqueTokens.API_TOKEN_PREFIX)
                ? Optional.empty() : store.activeApiTokenByHash(OpaqueTokens.hash(apiToken));
        User user = stored.flatMap(t -> store.userById(t.userId())).orElseThrow(() ->
                new ProblemException(HttpStatus.UNAUTHORIZED, "Login failed", "Unknown or revoked API token")
                        .type(BAD_CREDENTIALS));
        TokenIssuer.AccessToken token = issuer.issue(user.id(), List.of(user.role()), user.email(), "api_token");
        return new TokenResponse(token.token(), "Bearer", token.expiresIn().toSeconds(), null);
    }

    public CreatedApiToken createApiToken(RequestUser owner, String name) {
        String label = name == null || name.isBlank() ? "API token" : name.strip();
        if (label.length() > 100) {
            throw ProblemException.badRequest("name must be at most 100 characters");
        }
        User user = requireUser(owner);
        String token = OpaqueTokens.generate(OpaqueTokens.API_TOKEN_PREFIX);
        String id = "tok-" + UUID.randomUUID();
        Instant now = clock.instant();
        store.insertApiToken(id, user.id(), label, OpaqueTokens.hash(token), now);
        return new CreatedApiToken(id, label, token, now);
    }

    public List<ApiTokenView> apiTokens(RequestUser owner) {
        return store.apiTokensOf(requireUser(owner).id()).stream()
                .map(t -> new ApiTokenView(t.id(), t.name(), t.createdAt(), t.revokedAt())).toList();
    }

    public void revokeApiToken(RequestUser owner, String id) {
        if (!store.revokeApiToken(requireUser(owner).id(), id, clock.instant())) {
            throw ProblemException.notFound("No API token " + id);
        }
    }

    public AccountView account(RequestUser caller, String customerId) {
        if (!caller.mayActFor(customerId)) {
            throw ProblemException.notFound("No customer " + customerId);
        }
        return store.userById(customerId).map(AccountView::of)
                .orElseThrow(() -> ProblemException.notFound("No customer " + customerId));
    }

    public AccountView updateProfile(RequestUser caller, AuthRequests.ProfileRequest request) {
        User user = requireUser(caller);
        String name = request.name() == null ? user.name() : request.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw ProblemException.badRequest("name must be 1 to 100 characters");
        }
        User.PostalAddress address = request.address() == null ? user.address() : request.address().toStored();
        store.updateProfile(user.id(), name, address, clock.instant());
        publisher.publishPending();
        return AccountView.of(store.userById(user.id()).orElseThrow());
    }

    /** Creates or updates a seeded user (admin, demo customers) with the given password. */
    public void seed(String email, String name, String role, String password, User.PostalAddress address) {
        Instant now = clock.instant();
        String normalised = SignupRules.normaliseEmail(email);
        Optional<User> existing = store.userByEmail(normalised);
        if (existing.isPresent()) {
            if (!passwords.matches(password, existing.get().passwordHash()) || !existing.get().role().equals(role)) {
                store.updatePassword(existing.get().id(), passwords.encode(password), role, now);
            }
            return;
        }
        String id = RequestUser.ADMIN.equals(role) ? "admin-" + UUID.randomUUID() : "c-" + UUID.randomUUID();
        store.insertUser(new User(id, normalised, passwords.encode(password), name, role, address, now, now, 1));
    }

    private TokenResponse tokensFor(User user, String familyId, String via) {
        TokenIssuer.AccessToken access = issuer.issue(user.id(), List.of(user.role()), user.email(), via);
        String refresh = OpaqueTokens.generate(OpaqueTokens.REFRESH_PREFIX);
        Instant now = clock.instant();
        store.insertRefreshToken(OpaqueTokens.hash(refresh), user.id(), familyId, now,
                now.plus(properties.getRefreshTokenTtl()));
        return new TokenResponse(access.token(), "Bearer", access.expiresIn().toSeconds(), refresh);
    }

    private User requireUser(RequestUser caller) {
        return store.userById(caller.subject()).orElseThrow(() ->
                new ProblemException(HttpStatus.FORBIDDEN, "Forbidden", "Only a user account can do this"));
    }
}
