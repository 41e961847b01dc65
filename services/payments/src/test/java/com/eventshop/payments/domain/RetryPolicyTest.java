package com.eventshop.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final List<Long> slept = new ArrayList<>();
    private final Sleeper sleeper = d -> slept.add(d.toMillis());

    @Test
    void backsOffExponentially() {
        RetryPolicy policy = RetryPolicy.defaults();
        assertThat(policy.backoff(1)).isEqualTo(Duration.ofMillis(20));
        assertThat(policy.backoff(2)).isEqualTo(Duration.ofMillis(40));
        assertThat(policy.backoff(3)).isEqualTo(Duration.ofMillis(80));
        assertThat(policy.maxAttempts()).isEqualTo(4);
    }

    @Test
    void retriesUntilItSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        String result = RetryPolicy.defaults().call(sleeper, () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new TransientPaymentException("down");
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(attempts).hasValue(3);
        assertThat(slept).containsExactly(20L, 40L);
    }

    @Test
    void givesUpAfterTheLastRetry() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> RetryPolicy.defaults().call(sleeper, () -> {
            attempts.incrementAndGet();
            throw new TransientPaymentException("down " + attempts.get());
        })).isInstanceOf(TransientPaymentException.class).hasMessage("down 4");
        assertThat(slept).containsExactly(20L, 40L, 80L);
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> RetryPolicy.defaults().call(sleeper, () -> {
            attempts.incrementAndGet();
            throw new PaymentRefusedException("no");
        })).isInstanceOf(PaymentRefusedException.class);
        assertThat(attempts).hasValue(1);
    }
}
