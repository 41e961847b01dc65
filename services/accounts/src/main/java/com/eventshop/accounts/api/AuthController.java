package com.eventshop.accounts.api;

import com.eventshop.accounts.api.AuthRequests.AccountView;
import com.eventshop.accounts.api.AuthRequests.ApiTokenExchangeRequest;
import com.eventshop.accounts.api.AuthRequests.ApiTokenView;
import com.eventshop.accounts.api.AuthRequests.CreateApiTokenRequest;
import com.eventshop.accounts.api.AuthRequests.CreatedApiToken;
import com.eventshop.accounts.api.AuthRequests.LoginRequest;
import com.eventshop.accounts.api.AuthRequests.ProfileRequest;
import com.eventshop.accounts.api.AuthRequests.RefreshRequest;
import com.eventshop.accounts.api.AuthRequests.ServiceTokenRequest;
import com.eventshop.accounts.api.AuthRequests.SignupRequest;
import com.eventshop.accounts.api.AuthRequests.TokenResponse;
import com.eventshop.accounts.tokens.SigningKeys;
import com.eventshop.platform.security.RequestUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The accounts API: auth endpoints (public), API tokens and profile (a logged-in user), JWKS. */
@RestController
@Tag(name = "accounts", description = "Sign-up, login, tokens and the customer's profile")
public class AuthController {

    private final Accounts accounts;
    private final SigningKeys keys;

    public AuthController(Accounts accounts, SigningKeys keys) {
        this.accounts = accounts;
        this.keys = keys;
    }

    @Operation(summary = "Sign up as a customer", description = "400 for a malformed email or a weak password, 409 if the email is taken.")
    @ResponseStatus(HttpStatus.CREATED) // what the OpenAPI description documents
    @PostMapping(value = "/api/auth/signup", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<AccountView> signup(@RequestBody SignupRequest request) {
        AccountView account = accounts.signup(request);
        return ResponseEntity.created(URI.create("/api/customers/" + account.customerId())).body(account);
    }

    @Operation(summary = "Log in", description = "A short-lived access JWT and a refresh token (works once).")
    @PostMapping(value = "/api/auth/login", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<TokenResponse> login(@RequestBody LoginRequest request) {
        return noStore(accounts.login(request.email(), request.password()));
    }

    @Operation(summary = "Trade a refresh token for new tokens", description = "The old refresh token stops working; "
            + "presenting it again closes every session of that login.")
    @PostMapping(value = "/api/auth/refresh", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<TokenResponse> refresh(@RequestBody RefreshRequest request) {
        return noStore(accounts.refresh(request.refreshToken()));
    }

    @Operation(summary = "Log out", description = "Revokes the refresh token and its successors. Always 204.")
    @PostMapping("/api/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void logout(@RequestBody(required = false) RefreshRequest request) {
        accounts.logout(request == null ? null : request.refreshToken());
    }

    @Operation(summary = "Service token (client credentials)", description = "For Eventshop services only.")
    @PostMapping(value = "/api/auth/service-token", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<TokenResponse> serviceToken(@RequestBody ServiceTokenRequest request) {
        return noStore(accounts.serviceToken(request.clientId(), request.clientSecret()));
    }

    @Operation(summary = "Trade a personal API token for an access JWT", description = "The gateway does this for "
            + "requests that carry an API token.")
    @PostMapping(value = "/api/auth/api-token-exchange", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<TokenResponse> exchange(@RequestBody ApiTokenExchangeRequest request) {
        return noStore(accounts.exchangeApiToken(request.apiToken()));
    }

    @Operation(summary = "Create a personal API token", description = "The token is in this answer only; keep it.")
    @ResponseStatus(HttpStatus.CREATED) // what the OpenAPI description documents
    @PostMapping(value = "/api/auth/api-tokens", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<CreatedApiToken> createApiToken(@RequestBody(required = false) CreateApiTokenRequest request) {
        CreatedApiToken created = accounts.createApiToken(RequestUser.current(), request == null ? null : request.name());
        return ResponseEntity.created(URI.create("/api/auth/api-tokens/" + created.id()))
                .cacheControl(CacheControl.noStore()).body(created);
    }

    @Operation(summary = "My personal API tokens (without their secrets)")
    @GetMapping(value = "/api/auth/api-tokens", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<ApiTokenView> apiTokens() {
        return accounts.apiTokens(RequestUser.current());
    }

    @Operation(summary = "Revoke a personal API token")
    @DeleteMapping("/api/auth/api-tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void revokeApiToken(@PathVariable String id) {
        accounts.revokeApiToken(RequestUser.current(), id);
    }

    @Operation(summary = "Rotate the signing key now (admin)", description = "Tokens signed with the old key stay valid until they expire.")
    @PostMapping(value = "/api/auth/signing-keys/rotate", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, String> rotate() {
        return Map.of("kid", keys.rotate());
    }

    @Operation(summary = "The public signing keys (JWKS)")
    @GetMapping(value = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(java.time.Duration.ofSeconds(60)))
                .body(keys.publicKeys().toJSONObject());
    }

    @Operation(summary = "My account: name, email, address and roles")
    @GetMapping(value = "/api/customers/me", produces = MediaType.APPLICATION_JSON_VALUE)
    public AccountView me() {
        RequestUser user = RequestUser.current();
        return accounts.account(user, user.subject());
    }

    @Operation(summary = "Change name or address", description = "Written to the customers topic.")
    @PutMapping(value = "/api/customers/me", produces = MediaType.APPLICATION_JSON_VALUE)
    public AccountView updateMe(@RequestBody ProfileRequest request) {
        return accounts.updateProfile(RequestUser.current(), request);
    }

    @Operation(summary = "A customer (the customer themself, an admin or a service)")
    @GetMapping(value = "/api/customers/{customerId}", produces = MediaType.APPLICATION_JSON_VALUE)
    public AccountView customer(@PathVariable String customerId) {
        return accounts.account(RequestUser.current(), customerId);
    }

    private static ResponseEntity<TokenResponse> noStore(TokenResponse tokens) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(tokens);
    }
}
