package com.eventshop.fraud.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.Address;
import com.eventshop.contracts.OrderLine;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.events.FraudChecked;
import com.eventshop.contracts.events.OrderRequested;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.fraud.domain.AmountRule;
import com.eventshop.fraud.domain.FraudConfig;
import com.eventshop.fraud.domain.VelocityRule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FraudTopologyTest {

    private static final Instant T = Instant.parse("2025-01-01T12:00:00Z");

    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> requested;
    private TestInputTopic<String, byte[]> raw;
    private TestOutputTopic<String, SpecificRecord> checks;
    private TestOutputTopic<String, byte[]> deadLetters;

    private void start(FraudConfig rules) {
        start(rules, false);
    }

    private void start(FraudConfig rules, boolean persistent) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fraud-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(FraudTopology.build(
                FraudTopologyConfig.defaults().withRules(rules).withPersistentStores(persistent)), props, T);
        requested = driver.createInputTopic(Topics.ORDER_REQUESTED.name(), Serdes.String().serializer(),
                ContractSerde.forTopic(Topics.ORDER_REQUESTED).serializer());
        raw = driver.createInputTopic(Topics.ORDER_REQUESTED.name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        checks = driver.createOutputTopic(Topics.FRAUD_CHECKS.name(), Serdes.String().deserializer(),
                ContractSerde.forTopic(Topics.FRAUD_CHECKS).deserializer());
        deadLetters = driver.createOutputTopic("dlt.fraud", Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void order(String orderId, String customerId, long cents, Instant at) {
        OrderRequested order = OrderRequested.newBuilder().setOrderId(orderId).setCustomerId(customerId)
                .setLines(List.of(OrderLine.newBuilder().setProductId("p-001").setQuantity(1)
                        .setUnitPriceCents(cents).build()))
                .setTotalCents(cents).setCurrency("EUR")
                .setShippingAddress(Address.newBuilder().setName("A").setStreet("S").setCity("C")
                        .setPostalCode("1").setCountry("DE").build())
                .setRequestedAt(at).build();
        requested.pipeInput(orderId, order, at);
    }

    private FraudChecked last() {
        List<SpecificRecord> values = checks.readValuesToList();
        assertThat(values).isNotEmpty();
        return (FraudChecked) values.get(values.size() - 1);
    }

    @Test
    void anOrdinaryOrderPassesAndTheCheckIsKeyedByOrder() {
        start(FraudConfig.defaults());
        order("o-1", "c-1", 10_000, T);
        List<TestRecord<String, SpecificRecord>> out = checks.readRecordsToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).key()).isEqualTo("o-1");
        FraudChecked check = (FraudChecked) out.get(0).value();
        assertThat(check.getPassed()).isTrue();
        assertThat(check.getCustomerId()).isEqualTo("c-1");
        assertThat(check.getRule()).isNull();
    }

    @Test
    void theTwentyFirstOrderWithinAMinuteFails() {
        start(FraudConfig.defaults());
        for (int i = 0; i < 20; i++) {
            order("o-" + i, "c-1", 100, T.plusSeconds(i));
        }
        assertThat(checks.readValuesToList()).hasSize(20)
                .allSatisfy(v -> assertThat(((FraudChecked) v).getPassed()).isTrue());
        order("o-20", "c-1", 100, T.plusSeconds(20));
        FraudChecked check = last();
        assertThat(check.getPassed()).isFalse();
        assertThat(check.getRule()).isEqualTo(VelocityRule.ID);

        // another customer is not affected
        order("o-other", "c-2", 100, T.plusSeconds(21));
        assertThat(last().getPassed()).isTrue();
        // a minute after the first ones the window has slid on
        order("o-later", "c-1", 100, T.plusSeconds(61));
        assertThat(last().getPassed()).isTrue();
    }

    @Test
    void rulesWorkOnTheRocksDbWindowStore() {
        start(new FraudConfig(2, Duration.ofMinutes(1), 1_000_000, Duration.ofMinutes(10)), true);
        order("o-1", "c-1", 100, T);
        order("o-1", "c-1", 100, T);
        order("o-2", "c-1", 100, T);
        order("o-3", "c-1", 100, T);
        List<SpecificRecord> out = checks.readValuesToList();
        assertThat(out).extracting(v -> ((FraudChecked) v).getPassed()).containsExactly(true, true, true, false);
    }

    @Test
    void ordersSpreadOverTimeStayUnderTheVelocityLimit() {
        start(FraudConfig.defaults());
        for (int i = 0; i < 40; i++) {
            order("o-" + i, "c-1", 100, T.plusSeconds(4L * i));
        }
        assertThat(checks.readValuesToList()).hasSize(40)
                .allSatisfy(v -> assertThat(((FraudChecked) v).getPassed()).isTrue());
    }

    @Test
    void theTotalWithinTenMinutesIsLimited() {
        start(FraudConfig.defaults());
        order("o-1", "c-1", 300_000, T);
        assertThat(last().getPassed()).isTrue();
        order("o-2", "c-1", 200_000, T.plus(Duration.ofMinutes(5)));
        assertThat(last().getPassed()).isTrue();
        order("o-3", "c-1", 1, T.plus(Duration.ofMinutes(6)));
        FraudChecked check = last();
        assertThat(check.getPassed()).isFalse();
        assertThat(check.getRule()).isEqualTo(AmountRule.ID);
        // o-1 leaves the window after ten minutes; o-3 still counts (failed orders count too)
        order("o-4", "c-1", 299_998, T.plus(Duration.ofMinutes(10)).plusSeconds(1));
        assertThat(last().getPassed()).isTrue();
    }

    @Test
    void aRepeatedOrderGetsTheSameVerdictAndIsNotCountedTwice() {
        start(new FraudConfig(2, Duration.ofMinutes(1), 1_000_000, Duration.ofMinutes(10)));
        order("o-1", "c-1", 100, T);
        order("o-1", "c-1", 100, T);
        order("o-2", "c-1", 100, T.plusSeconds(1));
        List<SpecificRecord> out = checks.readValuesToList();
        assertThat(out).hasSize(3).allSatisfy(v -> assertThat(((FraudChecked) v).getPassed()).isTrue());
        order("o-3", "c-1", 100, T.plusSeconds(2));
        assertThat(last().getPassed()).isFalse();
        order("o-3", "c-1", 100, T.plusSeconds(2));
        assertThat(last().getPassed()).isFalse();
    }

    @Test
    void thresholdsAreConfigurable() {
        start(new FraudConfig(1, Duration.ofSeconds(10), 50, Duration.ofMinutes(1)));
        order("o-1", "c-1", 50, T);
        assertThat(last().getPassed()).isTrue();
        order("o-2", "c-1", 1, T.plusSeconds(11));
        assertThat(last().getRule()).isEqualTo(AmountRule.ID);
        order("o-3", "c-1", 0, T.plusSeconds(12));
        assertThat(last().getRule()).isEqualTo(VelocityRule.ID);
    }

    @Test
    void garbageGoesToTheDeadLetterTopic() {
        start(FraudConfig.defaults());
        raw.pipeInput("o-bad", "{\"json\":true}".getBytes(StandardCharsets.UTF_8));
        order("o-1", "c-1", 100, T);
        assertThat(deadLetters.readRecordsToList()).singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo("o-bad"));
        assertThat(last().getPassed()).isTrue();
    }
}
