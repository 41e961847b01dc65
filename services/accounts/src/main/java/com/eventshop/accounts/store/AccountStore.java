package com.eventshop.accounts.store;

import com.eventshop.accounts.domain.KeyRing;
import com.eventshop.accounts.domain.RefreshTokenState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Every table of accounts, through plain SQL. */
@Repository
public class AccountStore {

    private final JdbcClient jdbc;

    public AccountStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- users --------------------------------------------------------------------------------

    /** Inserts a user; false when the email is taken. */
    public boolean insertUser(User user) {
        User.PostalAddress a = user.address();
        return jdbc.sql("""
                insert into users (id, email, password_hash, name, role, street, city, postal_code, country,
                                   created_at, updated_at)
                values (:id, :email, :hash, :name, :role, :street, :city, :postal, :country, :created, :created)
                on conflict (email) do nothing""")
                .param("id", user.id()).param("email", user.email()).param("hash", user.passwordHash())
                .param("name", user.name()).param("role", user.role())
                .param("street", a == null ? null : a.street()).param("city", a == null ? null : a.city())
                .param("postal", a == null ? null : a.postalCode()).param("country", a == null ? null : a.country())
                .param("created", Timestamp.from(user.createdAt()))
                .update() == 1;
    }

    public Optional<User> userByEmail(String email) {
        return jdbc.sql("select * from users where email = :email").param("email", email).query(AccountStore::user)
                .optional();
    }

    public Optional<User> userById(String id) {
        return jdbc.sql("select * from users where id = :id").param("id", id).query(AccountStore::user).optional();
    }

    /** Changes name and address, and marks the customer for publishing. */
    public void updateProfile(String id, String name, User.PostalAddress a, Instant now) {
        jdbc.sql("""
                update users set name = :name, street = :street, city = :city, postal_code = :postal,
                       country = :country, updated_at = :now, version = version + 1 where id = :id""")
                .param("id", id).param("name", name).param("street", a == null ? null : a.street())
                .param("city", a == null ? null : a.city()).param("postal", a == null ? null : a.postalCode())
                .param("country", a == null ? null : a.country()).param("now", Timestamp.from(now)).update();
    }

    public void updatePassword(String id, String passwordHash, String role, Instant now) {
        jdbc.sql("update users set password_hash = :hash, role = :role, updated_at = :now where id = :id")
                .param("id", id).param("hash", passwordHash).param("role", role).param("now", Timestamp.from(now))
                .update();
    }

    /** Customers whose latest version is not on the customers topic yet. */
    public List<User> unpublishedCustomers(int limit) {
        return jdbc.sql("select * from users where role = 'customer' and published_version < version "
                        + "order by updated_at limit :limit")
                .param("limit", limit).query(AccountStore::user).list();
    }

    public void markPublished(String id, int version) {
        jdbc.sql("update users set published_version = :v where id = :id and published_version < :v")
                .param("id", id).param("v", version).update();
    }

    // --- refresh tokens -----------------------------------------------------------------------

    public void insertRefreshToken(String hash, String userId, String familyId, Instant now, Instant expiresAt) {
        jdbc.sql("""
                insert into refresh_tokens (token_hash, user_id, family_id, created_at, expires_at)
                values (:hash, :user, :family, :now, :expires)""")
                .param("hash", hash).param("user", userId).param("family", familyId)
                .param("now", Timestamp.from(now)).param("expires", Timestamp.from(expiresAt)).update();
    }

    /** The token, locked for this transaction so two refreshes with it cannot both succeed. */
    public Optional<RefreshTokenState> lockRefreshToken(String hash) {
        return jdbc.sql("select * from refresh_tokens where token_hash = :hash for update").param("hash", hash)
                .query((rs, n) -> new RefreshTokenState(rs.getString("user_id"), rs.getString("family_id"),
                        instant(rs, "expires_at"), instant(rs, "used_at"), instant(rs, "revoked_at")))
                .optional();
    }

    public void markRefreshTokenUsed(String hash, Instant now) {
        jdbc.sql("update refresh_tokens set used_at = :now where token_hash = :hash")
                .param("hash", hash).param("now", Timestamp.from(now)).update();
    }

    public void revokeFamily(String familyId, Instant now) {
        jdbc.sql("update refresh_tokens set revoked_at = :now where family_id = :family and revoked_at is null")
                .param("family", familyId).param("now", Timestamp.from(now)).update();
    }

    // --- API tokens ---------------------------------------------------------------------------

    /** A personal API token's listing entry (never the token itself). */
    public record ApiToken(String id, String userId, String name, Instant createdAt, Instant revokedAt) {
    }

    public void insertApiToken(String id, String userId, String name, String hash, Instant now) {
        jdbc.sql("insert into api_tokens (id, user_id, name, token_hash, created_at) values (:id, :user, :name, :hash, :now)")
                .param("id", id).param("user", userId).param("name", name).param("hash", hash)
                .param("now", Timestamp.from(now)).update();
    }

    public Optional<ApiToken> activeApiTokenByHash(String hash) {
        return jdbc.sql("select * from api_tokens where token_hash = :hash and revoked_at is null")
                .param("hash", hash).query(AccountStore::apiToken).optional();
    }

    public List<ApiToken> apiTokensOf(String userId) {
        return jdbc.sql("select * from api_tokens where user_id = :user order by created_at")
                .param("user", userId).query(AccountStore::apiToken).list();
    }

    /** Revokes a user's token; false when the user has no such token. */
    public boolean revokeApiToken(String userId, String id, Instant now) {
        return jdbc.sql("update api_tokens set revoked_at = coalesce(revoked_at, :now) where id = :id and user_id = :user")
                .param("id", id).param("user", userId).param("now", Timestamp.from(now)).update() == 1;
    }

    // --- signing keys -------------------------------------------------------------------------

    /** A signing key with its JWK (private parts included). */
    public record StoredKey(KeyRing.KeyInfo info, String jwk) {
    }

    public List<StoredKey> signingKeys() {
        return jdbc.sql("select * from signing_keys order by created_at").query((rs, n) -> new StoredKey(
                new KeyRing.KeyInfo(rs.getString("kid"), instant(rs, "created_at"), instant(rs, "retired_at")),
                rs.getString("jwk"))).list();
    }

    /** Serialises key rotation across accounts instances (until the transaction ends). */
    public void lockKeys() {
        jdbc.sql("select pg_advisory_xact_lock(4242)").query().singleRow();
    }

    public void insertSigningKey(String kid, String jwk, Instant now) {
        jdbc.sql("insert into signing_keys (kid, jwk, created_at) values (:kid, :jwk, :now)")
                .param("kid", kid).param("jwk", jwk).param("now", Timestamp.from(now)).update();
    }

    public void retireSigningKeysExcept(String kid, Instant now) {
        jdbc.sql("update signing_keys set retired_at = :now where kid <> :kid and retired_at is null")
                .param("kid", kid).param("now", Timestamp.from(now)).update();
    }

    public void deleteSigningKey(String kid) {
        jdbc.sql("delete from signing_keys where kid = :kid").param("kid", kid).update();
    }

    // --- mapping ------------------------------------------------------------------------------

    private static User user(ResultSet rs, int row) throws SQLException {
        User.PostalAddress address = rs.getString("street") == null && rs.getString("city") == null ? null
                : new User.PostalAddress(rs.getString("street"), rs.getString("city"), rs.getString("postal_code"),
                        rs.getString("country"));
        return new User(rs.getString("id"), rs.getString("email"), rs.getString("password_hash"), rs.getString("name"),
                rs.getString("role"), address, instant(rs, "created_at"), instant(rs, "updated_at"), rs.getInt("version"));
    }

    private static ApiToken apiToken(ResultSet rs, int row) throws SQLException {
        return new ApiToken(rs.getString("id"), rs.getString("user_id"), rs.getString("name"),
                instant(rs, "created_at"), instant(rs, "revoked_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
