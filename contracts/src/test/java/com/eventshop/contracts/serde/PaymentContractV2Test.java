package com.eventshop.contracts.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.PaymentStatus;
import com.eventshop.contracts.events.OrderPaymentProcessed;
import com.eventshop.contracts.events.PaymentRefunded;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Order flow v2 evolved two payment contracts (a capture status, voided holds). Consumers still on
 * v1 must keep decoding what v2 writers produce, and v2 readers what v1 wrote: both directions.
 */
class PaymentContractV2Test {

    private static final Instant AT = Instant.parse("2026-12-08T10:00:00Z");

    @Test
    void aV1ReaderDecodesAVoidedHoldAsARefund() throws IOException {
        PaymentRefunded voided = PaymentRefunded.newBuilder().setOrderId("o-1").setPaymentId("pay-1")
                .setRefundId("void-1").setAmountCents(2499).setCurrency("EUR").setVoided(true)
                .setRefundedAt(AT).build();

        GenericRecord seenByV1 = readAs(voided, released(PaymentRefunded.getClassSchema(), 1));

        assertThat(seenByV1.get("orderId").toString()).isEqualTo("o-1");
        assertThat(seenByV1.get("amountCents")).isEqualTo(2499L);
        assertThat(seenByV1.getSchema().getField("voided")).isNull();
    }

    @Test
    void aV1ReaderDecodesACaptureAsTheUnknownStatus() throws IOException {
        OrderPaymentProcessed captured = OrderPaymentProcessed.newBuilder().setOrderId("o-1")
                .setPaymentId("pay-1").setStatus(PaymentStatus.CAPTURED).setAmountCents(2499)
                .setCurrency("EUR").setProcessedAt(AT).build();

        GenericRecord seenByV1 = readAs(captured, released(OrderPaymentProcessed.getClassSchema(), 1));

        // v1's enum falls back to its default symbol instead of failing the whole record.
        assertThat(seenByV1.get("status").toString()).isEqualTo("UNKNOWN");
        assertThat(seenByV1.get("paymentId").toString()).isEqualTo("pay-1");
    }

    @Test
    void aV2ReaderDecodesWhatV1Wrote() throws IOException {
        Schema v1 = released(PaymentRefunded.getClassSchema(), 1);
        GenericRecord old = new GenericData.Record(v1);
        old.put("orderId", "o-2");
        old.put("paymentId", "pay-2");
        old.put("refundId", "ref-2");
        old.put("amountCents", 100L);
        old.put("currency", "EUR");
        old.put("refundedAt", AT.toEpochMilli());
        ContractSerde<PaymentRefunded> serde = ContractSerde.of(PaymentRefunded.class);
        byte[] bytes = new org.apache.avro.message.BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1)
                .encode(old).array();

        PaymentRefunded decoded = serde.decode(bytes);

        assertThat(decoded.getRefundId()).isEqualTo("ref-2");
        assertThat(decoded.getVoided()).isFalse();
    }

    @Test
    void bothEvolvedRecordsAreReleasedAsV2() {
        for (Schema current : List.of(PaymentRefunded.getClassSchema(), OrderPaymentProcessed.getClassSchema())) {
            List<Schema> versions = ContractSchemas.get().releasedVersions(current.getFullName());
            assertThat(versions).hasSize(2);
            assertThat(versions.get(1)).isEqualTo(current);
        }
    }

    private static Schema released(Schema current, int version) {
        return ContractSchemas.get().releasedVersions(current.getFullName()).get(version - 1);
    }

    private static GenericRecord readAs(SpecificRecord record, Schema reader) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(record.getSchema(), reader)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
