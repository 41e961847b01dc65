package com.eventshop.payments.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;

/**
 * A payment provider that behaves like a real one without talking to anybody: it declines
 * amounts over a limit and "test card" customers, fails transiently with a configured
 * probability, takes some time to answer, captures and voids authorisations (never both), refuses
 * refunds of uncaptured payments or of more than was captured, and is idempotent per key (the same key returns the same result, a key reused
 * for another request is refused). Payment and refund ids are derived from the idempotency key,
 * so even a fresh instance (after a restart) answers a replayed authorisation with the same id.
 *
 * <p>Thread-safe.
 */
public final class SimulatedPaymentProvider implements PaymentProvider {

    /** Customers whose "card" is always declined, unless other ids are configured. */
    public static final Set<String> DEFAULT_DECLINED_CUSTOMERS = Set.of("test-card-declined");

    /**
     * Behaviour of the simulated provider.
     *
     * @param latencyMinMs                shortest answer time
     * @param latencyMaxMs                longest answer time
     * @param declineAboveCents           amounts above this are declined (default 1,000,000)
     * @param declinedCustomerIds         customers whose card is declined ("test cards")
     * @param transientFailureProbability chance that a call fails transiently (default 0)
     * @param seed                        seed of the randomness (latency, failures); null for a random seed
     */
    public record Settings(long latencyMinMs, long latencyMaxMs, long declineAboveCents,
                           Set<String> declinedCustomerIds, double transientFailureProbability, Long seed) {

        public Settings {
            declinedCustomerIds = Set.copyOf(declinedCustomerIds);
            if (latencyMinMs < 0 || latencyMaxMs < latencyMinMs) {
                throw new IllegalArgumentException("0 <= latencyMinMs <= latencyMaxMs required");
            }
            if (transientFailureProbability < 0 || transientFailureProbability > 1) {
                throw new IllegalArgumentException("transientFailureProbability must be within [0, 1]");
            }
        }

        public static Settings defaults() {
            return new Settings(0, 0, 1_000_000, DEFAULT_DECLINED_CUSTOMERS, 0.0, null);
        }

        public Settings withLatency(long minMs, long maxMs) {
            return new Settings(minMs, maxMs, declineAboveCents, declinedCustomerIds, transientFailureProbability, seed);
        }

        public Settings withDeclineAboveCents(long cents) {
            return new Settings(latencyMinMs, latencyMaxMs, cents, declinedCustomerIds, transientFailureProbability, seed);
        }

        public Settings withDeclinedCustomers(Set<String> ids) {
            return new Settings(latencyMinMs, latencyMaxMs, declineAboveCents, ids, transientFailureProbability, seed);
        }

        public Settings withTransientFailures(double probability, Long randomSeed) {
            return new Settings(latencyMinMs, latencyMaxMs, declineAboveCents, declinedCustomerIds, probability,
                    randomSeed);
        }
    }

    private record AuthorizeRequest(String orderId, String customerId, long amountCents, String currency) {
    }

    private record RefundRequest(String paymentId, long amountCents) {
    }

    private record Charge(long amountCents, Authorization.Status status) {
    }

    /** A capture or void: what was asked (to refuse a key reused for another request) and the answer. */
    private record Settlement(String paymentId, long amountCents, String id) {
    }

    private final Settings settings;
    private final Random random;
    private final Map<String, AuthorizeRequest> authorizeRequests = new HashMap<>();
    private final Map<String, Authorization> authorizations = new HashMap<>();
    private final Map<String, RefundRequest> refundRequests = new HashMap<>();
    private final Map<String, String> refunds = new HashMap<>();
    private final Map<String, Charge> charges = new HashMap<>();
    private final Map<String, Long> refunded = new HashMap<>();
    private final Map<String, Settlement> captures = new HashMap<>();
    private final Map<String, Settlement> voids = new HashMap<>();
    private final Map<String, Long> captured = new HashMap<>();
    private final Set<String> voided = new java.util.HashSet<>();
    private long calls;

    public SimulatedPaymentProvider(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.random = settings.seed() == null ? new Random() : new Random(settings.seed());
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public Authorization authorize(String idempotencyKey, String orderId, String customerId, long amountCents,
                                   String currency) {
        AuthorizeRequest request = new AuthorizeRequest(orderId, customerId, amountCents, currency);
        answerAfterLatency();
        synchronized (this) {
            calls++;
            Authorization earlier = authorizations.get(idempotencyKey);
            if (earlier != null) {
                if (!authorizeRequests.get(idempotencyKey).equals(request)) {
                    throw new PaymentRefusedException("Idempotency key " + idempotencyKey
                            + " was used for another request");
                }
                return earlier;
            }
            failTransientlyMaybe();
            String paymentId = "pay_" + digest(idempotencyKey);
            Authorization result;
            if (amountCents <= 0) {
                result = Authorization.declined(paymentId, "invalid amount");
            } else if (amountCents > settings.declineAboveCents()) {
                result = Authorization.declined(paymentId, "amount over the card limit");
            } else if (customerId != null && settings.declinedCustomerIds().contains(customerId)) {
                result = Authorization.declined(paymentId, "card declined");
            } else {
                result = Authorization.authorized(paymentId);
            }
            authorizeRequests.put(idempotencyKey, request);
            authorizations.put(idempotencyKey, result);
            charges.put(paymentId, new Charge(amountCents, result.status()));
            return result;
        }
    }

    @Override
    public String capture(String idempotencyKey, String paymentId, long amountCents) {
        answerAfterLatency();
        synchronized (this) {
            calls++;
            Settlement earlier = repeated(captures, idempotencyKey, paymentId, amountCents);
            if (earlier != null) {
                return earlier.id();
            }
            failTransientlyMaybe();
            Charge charge = authorised(paymentId);
            if (voided.contains(paymentId)) {
                throw new PaymentRefusedException("Payment " + paymentId + " was voided");
            }
            if (amountCents <= 0 || captured.getOrDefault(paymentId, 0L) + amountCents > charge.amountCents()) {
                throw new PaymentRefusedException("Cannot capture " + amountCents + " of payment " + paymentId
                        + ": authorised " + charge.amountCents());
            }
            Settlement capture = new Settlement(paymentId, amountCents, "cap_" + digest(idempotencyKey));
            captured.merge(paymentId, amountCents, Long::sum);
            captures.put(idempotencyKey, capture);
            return capture.id();
        }
    }

    @Override
    public String voidAuthorization(String idempotencyKey, String paymentId) {
        answerAfterLatency();
        synchronized (this) {
            calls++;
            Settlement earlier = repeated(voids, idempotencyKey, paymentId, 0);
            if (earlier != null) {
                return earlier.id();
            }
            failTransientlyMaybe();
            authorised(paymentId);
            if (captured.containsKey(paymentId)) {
                throw new PaymentRefusedException("Payment " + paymentId + " was captured: refund it instead");
            }
            Settlement settlement = new Settlement(paymentId, 0, "void_" + digest(idempotencyKey));
            voided.add(paymentId);
            voids.put(idempotencyKey, settlement);
            return settlement.id();
        }
    }

    @Override
    public String refund(String idempotencyKey, String paymentId, long amountCents) {
        RefundRequest request = new RefundRequest(paymentId, amountCents);
        answerAfterLatency();
        synchronized (this) {
            calls++;
            String earlier = refunds.get(idempotencyKey);
            if (earlier != null) {
                if (!refundRequests.get(idempotencyKey).equals(request)) {
                    throw new PaymentRefusedException("Idempotency key " + idempotencyKey
                            + " was used for another request");
                }
                return earlier;
            }
            failTransientlyMaybe();
            authorised(paymentId);
            long capturedCents = captured.getOrDefault(paymentId, 0L);
            if (capturedCents == 0) {
                throw new PaymentRefusedException("Payment " + paymentId + " was never captured: void it instead");
            }
            long already = refunded.getOrDefault(paymentId, 0L);
            if (amountCents <= 0 || already + amountCents > capturedCents) {
                throw new PaymentRefusedException("Cannot refund " + amountCents + " of payment " + paymentId
                        + ": captured " + capturedCents + ", refunded " + already);
            }
            String refundId = "re_" + digest(idempotencyKey);
            refunded.put(paymentId, already + amountCents);
            refundRequests.put(idempotencyKey, request);
            refunds.put(idempotencyKey, refundId);
            return refundId;
        }
    }

    /** Calls answered so far (including repeats and transient failures). */
    public synchronized long calls() {
        return calls;
    }

    /** Distinct authorisations made (a repeated key is not a new one). */
    public synchronized int authorizations() {
        return authorizations.size();
    }

    /** Distinct refunds made. */
    public synchronized int refunds() {
        return refunds.size();
    }

    /** Distinct captures made. */
    public synchronized int captures() {
        return captures.size();
    }

    /** Distinct voids made. */
    public synchronized int voids() {
        return voids.size();
    }

    /** Amount refunded of a payment so far. */
    public synchronized long refundedCents(String paymentId) {
        return refunded.getOrDefault(paymentId, 0L);
    }

    private Charge authorised(String paymentId) {
        Charge charge = charges.get(paymentId);
        if (charge == null || charge.status() != Authorization.Status.AUTHORIZED) {
            throw new PaymentRefusedException("No authorised payment " + paymentId);
        }
        return charge;
    }

    /** The first answer to this key, or null; a key reused for another request is refused. */
    private static Settlement repeated(Map<String, Settlement> answered, String idempotencyKey, String paymentId,
                                       long amountCents) {
        Settlement earlier = answered.get(idempotencyKey);
        if (earlier != null && (!earlier.paymentId().equals(paymentId) || earlier.amountCents() != amountCents)) {
            throw new PaymentRefusedException("Idempotency key " + idempotencyKey + " was used for another request");
        }
        return earlier;
    }

    private void failTransientlyMaybe() {
        if (settings.transientFailureProbability() > 0 && random.nextDouble() < settings.transientFailureProbability()) {
            throw new TransientPaymentException("simulated provider timeout");
        }
    }

    private void answerAfterLatency() {
        long min = settings.latencyMinMs();
        long max = settings.latencyMaxMs();
        if (max == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            wait = min == max ? min : min + (long) (random.nextDouble() * (max - min + 1));
        }
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientPaymentException("interrupted", e);
        }
    }

    private static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
