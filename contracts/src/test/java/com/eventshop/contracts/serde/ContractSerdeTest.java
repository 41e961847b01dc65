package com.eventshop.contracts.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eventshop.contracts.Address;
import com.eventshop.contracts.OrderLine;
import com.eventshop.contracts.Topics;
import com.eventshop.contracts.events.OrderRejected;
import com.eventshop.contracts.events.OrderRequested;
import com.eventshop.contracts.events.OrderValidated;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ContractSerdeTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    @Test
    void roundTripsARecord() {
        ContractSerde<SpecificRecord> serde = ContractSerde.forTopic(Topics.ORDER_REQUESTED);
        OrderRequested order = order();

        byte[] bytes = serde.encode(order);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(serde.decode(bytes)).isEqualTo(order);
    }

    @Test
    void oneTopicCarriesSeveralEventTypes() {
        ContractSerde<SpecificRecord> serde = ContractSerde.forTopic(Topics.ORDER_VALIDATED);
        OrderValidated validated = new OrderValidated("o-1", "c-1", 1200L, "EUR", NOW);
        OrderRejected rejected = new OrderRejected("o-2", "c-1", List.of("OUT_OF_STOCK: p-1"), true, NOW);

        assertThat(serde.decode(serde.encode(validated))).isInstanceOf(OrderValidated.class).isEqualTo(validated);
        assertThat(serde.decode(serde.encode(rejected))).isInstanceOf(OrderRejected.class).isEqualTo(rejected);
    }

    @Test
    void aRecordOfAnotherTopicIsRefused() {
        ContractSerde<SpecificRecord> validatedTopic = ContractSerde.forTopic(Topics.ORDER_VALIDATED);
        byte[] requested = ContractSerde.forTopic(Topics.ORDER_REQUESTED).encode(order());

        assertThatThrownBy(() -> validatedTopic.encode(order())).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> validatedTopic.decode(requested))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("OrderRequested");
    }

    @Test
    void anOlderVersionDecodesIntoTheCurrentClassWithDefaults() throws IOException {
        Schema v0 = SchemaCompatibilityTest.parseFixture("OrderRequested-v0.avsc");
        byte[] written = encodeWith(v0, order());
        ContractSchemas.get().add(v0); // as if v0 had been released

        OrderRequested read = (OrderRequested) ContractSerde.forTopic(Topics.ORDER_REQUESTED).decode(written);

        assertThat(read.getOrderId()).isEqualTo("o-1");
        assertThat(read.getLines()).hasSize(1);
        assertThat(read.getRequestHash()).isEmpty();
    }

    @Test
    void garbageAndUnknownSchemasFailAsSerializationErrors() throws IOException {
        ContractSerde<SpecificRecord> serde = ContractSerde.forTopic(Topics.ORDER_REQUESTED);
        assertThatThrownBy(() -> serde.decode("not avro at all".getBytes()))
                .isInstanceOf(SerializationException.class);

        Schema unknown = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"Mystery\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"}]}");
        GenericRecord mystery = new GenericData.Record(unknown);
        mystery.put("x", 1);
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), unknown).encode(mystery).array();
        assertThatThrownBy(() -> serde.decode(bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown writer schema");
    }

    @Test
    void tombstonesStayNull() {
        ContractSerde<SpecificRecord> serde = ContractSerde.forTopic(Topics.CATALOG_PRODUCTS);
        assertThat(serde.encode(null)).isNull();
        assertThat(serde.decode(null)).isNull();
    }

    private static OrderRequested order() {
        return OrderRequested.newBuilder()
                .setOrderId("o-1").setCustomerId("c-1")
                .setLines(List.of(new OrderLine("p-1", 2, 600L)))
                .setTotalCents(1200L).setCurrency("EUR")
                .setShippingAddress(new Address("Ada", "1 Main St", "Lyon", "69001", "FR"))
                .setRequestHash("abc")
                .setRequestedAt(NOW)
                .build();
    }

    /** Writes an order as a producer built with an older schema would have. */
    private static byte[] encodeWith(Schema schema, OrderRequested order) throws IOException {
        Schema lineSchema = schema.getField("lines").schema().getElementType();
        Schema addressSchema = schema.getField("shippingAddress").schema();
        GenericRecord line = new GenericData.Record(lineSchema);
        line.put("productId", "p-1");
        line.put("quantity", 2);
        line.put("unitPriceCents", 600L);
        GenericRecord address = new GenericData.Record(addressSchema);
        address.put("name", "Ada");
        address.put("street", "1 Main St");
        address.put("city", "Lyon");
        address.put("postalCode", "69001");
        address.put("country", "FR");
        GenericRecord record = new GenericData.Record(schema);
        record.put("orderId", order.getOrderId());
        record.put("customerId", order.getCustomerId());
        record.put("lines", List.of(line));
        record.put("totalCents", order.getTotalCents());
        record.put("currency", order.getCurrency());
        record.put("shippingAddress", address);
        record.put("requestedAt", order.getRequestedAt().toEpochMilli());
        return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record).array();
    }
}
