package com.eventshop.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eventshop.contracts.Topics;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.contracts.tables.Product;
import com.eventshop.contracts.tables.Stock;
import com.eventshop.platform.kafka.ContractDeserializer;
import com.eventshop.platform.kafka.ContractSerializer;
import com.eventshop.platform.kafka.streams.KafkaStreamsHealthIndicator;
import com.eventshop.platform.web.TraceIdFilter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

class PlatformUnitsTest {

    private final Stock stock = Stock.newBuilder().setProductId("p-9").setAvailable(2).setUpdatedAt(Instant.now()).build();

    @Test
    void serializerFollowsTheTopicCatalogue() {
        ContractSerializer serializer = new ContractSerializer();
        byte[] bytes = serializer.serialize("inventory.stock", stock);
        assertThat(ContractSerde.of(Stock.class).decode(bytes)).isEqualTo(stock);
        assertThat(new ContractDeserializer().deserialize("inventory.stock", bytes)).isEqualTo(stock);
        // a record type the topic does not carry is refused
        assertThatThrownBy(() -> serializer.serialize(Topics.CATALOG_PRODUCTS.name(), stock))
                .isInstanceOf(SerializationException.class);
        // raw values for topics without contract records (dead letters, uncatalogued)
        assertThat(serializer.serialize("dlt.orders", new byte[] {1, 2})).containsExactly(1, 2);
        assertThat(serializer.serialize("anything", "text")).isEqualTo("text".getBytes(StandardCharsets.UTF_8));
        assertThat(new ContractDeserializer().deserialize("dlt.orders", new byte[] {1, 2})).isEqualTo(new byte[] {1, 2});
        assertThatThrownBy(() -> new ContractDeserializer().deserialize("catalog.products", new byte[] {1, 2}))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> serializer.serialize("anything", 42)).isInstanceOf(SerializationException.class);
        assertThat(serializer.serialize("catalog.products", null)).isNull();
    }

    @Test
    void streamsHealthIsUpWithoutTopologyAndDownUntilStarted() {
        Health none = new KafkaStreamsHealthIndicator(
                new StaticListableBeanFactory().getBeanProvider(StreamsBuilderFactoryBean.class)).health();
        assertThat(none.getStatus()).isEqualTo(Status.UP);
        assertThat(none.getDetails()).containsEntry("topology", "none");

        StreamsBuilderFactoryBean notStarted = new StreamsBuilderFactoryBean();
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("streams", notStarted);
        Health down = new KafkaStreamsHealthIndicator(beans.getBeanProvider(StreamsBuilderFactoryBean.class)).health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails()).containsValue("NOT_STARTED");
    }

    @Test
    void traceIdResolution() {
        assertThat(TraceIdFilter.resolve("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "other-id-123"))
                .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(TraceIdFilter.resolve("garbage", "other-id-123")).isEqualTo("other-id-123");
        assertThat(TraceIdFilter.resolve(null, "bad id with spaces")).matches("[0-9a-f]{32}");
        assertThat(TraceIdFilter.resolve("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null))
                .isNotEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void productRoundTripThroughTheDefaultSerializers() {
        Product product = Product.newBuilder().setProductId("x").setSku("s").setSlug("x").setName("n")
                .setPriceCents(1).setCurrency("EUR").setVersion(1).build();
        byte[] bytes = new ContractSerializer().serialize("catalog.products", product);
        assertThat(new ContractDeserializer().deserialize("catalog.products", bytes)).isEqualTo(product);
    }
}
