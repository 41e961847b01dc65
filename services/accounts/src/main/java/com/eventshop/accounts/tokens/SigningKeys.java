package com.eventshop.accounts.tokens;

import com.eventshop.accounts.config.AccountsProperties;
import com.eventshop.accounts.domain.KeyRing;
import com.eventshop.accounts.store.AccountStore;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ES256 signing keys, kept in the database so that every accounts instance signs with the
 * same key and publishes the same JWKS. Rotation (on schedule, or asked by an admin) adds a new
 * key and retires the old ones; {@link KeyRing} decides what is published and what is deleted.
 */
@Component
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final AccountStore store;
    private final TransactionTemplate transactions;
    private final AccountsProperties properties;
    private final Clock clock;
    private volatile Loaded loaded;
    private volatile long lastReload;

    private record Loaded(ECKey signing, JWKSet published) {
    }

    public SigningKeys(AccountStore store, TransactionTemplate transactions, AccountsProperties properties,
            Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** The key that signs new tokens. */
    public ECKey signingKey() {
        return current().signing();
    }

    /** The public keys verifiers need (the JWKS). */
    public JWKSet publicKeys() {
        return current().published().toPublicJWKSet();
    }

    /** Rotates now: a new signing key; the old ones stay published until their tokens expired. */
    public String rotate() {
        String kid = transactions.execute(status -> {
            store.lockKeys();
            return addKey();
        });
        reload();
        log.info("Signing key rotated: {} signs from now on", kid);
        return kid;
    }

    /** Rotates when due, deletes keys no token can need, and picks up another instance's rotation. */
    @Scheduled(fixedDelayString = "${eventshop.accounts.key-reload-interval:30s}")
    public void maintain() {
        transactions.executeWithoutResult(status -> {
            store.lockKeys();
            KeyRing ring = ring();
            Instant now = clock.instant();
            if (ring.needsRotation(now, properties.getKeyRotationInterval())) {
                log.info("Signing key {}: adding a new one", ring.signingKey().isEmpty() ? "missing" : "due");
                addKey();
            }
            ring.deletable(now).forEach(key -> store.deleteSigningKey(key.kid()));
        });
        reload();
    }

    /** Reloads from the database (at most once a second) and answers the published keys. */
    public JWKSet reloadForUnknownKid() {
        if (clock.millis() - lastReload > 1000) {
            reload();
        }
        return publicKeys();
    }

    private Loaded current() {
        Loaded l = loaded;
        if (l == null) {
            maintain();
            l = loaded;
        }
        return l;
    }

    private String addKey() {
        try {
            Instant now = clock.instant();
            String kid = "es-" + now.getEpochSecond() + "-" + UUID.randomUUID().toString().substring(0, 8);
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE)
                    .algorithm(com.nimbusds.jose.JWSAlgorithm.ES256).generate();
            store.insertSigningKey(kid, key.toJSONString(), now);
            store.retireSigningKeysExcept(kid, now);
            return kid;
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate a signing key", e);
        }
    }

    private KeyRing ring() {
        return new KeyRing(store.signingKeys().stream().map(AccountStore.StoredKey::info).toList(),
                properties.getAccessTokenTtl());
    }

    private synchronized void reload() {
        lastReload = clock.millis();
        List<AccountStore.StoredKey> stored = store.signingKeys();
        KeyRing ring = new KeyRing(stored.stream().map(AccountStore.StoredKey::info).toList(),
                properties.getAccessTokenTtl());
        Map<String, String> jwks = new java.util.HashMap<>();
        stored.forEach(k -> jwks.put(k.info().kid(), k.jwk()));
        try {
            String signingKid = ring.signingKey().orElseThrow().kid();
            List<JWK> published = new java.util.ArrayList<>();
            for (KeyRing.KeyInfo info : ring.published(clock.instant())) {
                published.add(JWK.parse(jwks.get(info.kid())));
            }
            loaded = new Loaded(ECKey.parse(jwks.get(signingKid)), new JWKSet(published));
        } catch (ParseException e) {
            throw new IllegalStateException("A stored signing key cannot be read", e);
        }
    }
}
