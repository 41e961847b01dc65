package com.eventshop.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.contracts.Topics;
import com.eventshop.contracts.serde.ContractSerde;
import com.eventshop.contracts.tables.Product;
import com.eventshop.contracts.tables.Stock;
import com.eventshop.platform.kafka.ContractSerializer;
import com.eventshop.platform.kafka.streams.EnableEventshopStreams;
import com.eventshop.platform.kafka.streams.EventshopTopology;
import com.eventshop.platform.kafka.streams.StreamsSettings;
import com.eventshop.platform.testapp.TestApplication;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A streams service and a listener against a real (embedded KRaft) broker: the effective
 * client configuration, dead letters from Kafka Streams and from @KafkaListener, readiness and
 * interactive queries.
 */
@SpringBootTest(classes = {TestApplication.class, KafkaPlatformTest.StreamsService.class},
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "EVENTSHOP_COMMIT_INTERVAL_MS=50"})
@EmbeddedKafka(partitions = 1,
        topics = {"inventory.stock", "catalog.products", "dlt.platform-test", KafkaPlatformTest.OUTPUT},
        brokerProperties = {"transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1"})
class KafkaPlatformTest {

    static final String OUTPUT = "platform-test.stock-levels";
    static final String DLT = "dlt.platform-test";
    static final String DATA_DIR = System.getProperty("java.io.tmpdir") + "/eventshop-" + UUID.randomUUID();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("EVENTSHOP_DATA_DIR", () -> DATA_DIR);
    }

    /** A tiny streams service: stock levels to an output topic and a queryable view. */
    @Configuration(proxyBeanMethods = false)
    @EnableEventshopStreams
    static class StreamsService {

        @Bean
        EventshopTopology stockLevels() {
            return (builder, settings) -> {
                KStream<String, Stock> stock = builder.stream(Topics.INVENTORY_STOCK.name(),
                        Consumed.with(Serdes.String(), ContractSerde.of(Stock.class)));
                stock.mapValues(s -> s.getProductId() + ":" + s.getAvailable())
                        .to(OUTPUT, Produced.with(Serdes.String(), Serdes.String()));
                stock.toTable(Named.as("stock-view"), Materialized.<String, Stock, KeyValueStore<Bytes, byte[]>>as("stock-view")
                        .withKeySerde(Serdes.String()).withValueSerde(ContractSerde.of(Stock.class)));
            };
        }

        @Bean
        ProductListener productListener() {
            return new ProductListener();
        }
    }

    static class ProductListener {
        final BlockingQueue<Product> received = new LinkedBlockingQueue<>();

        @KafkaListener(topics = "catalog.products")
        void on(Product product) {
            if (product.getName().equals("explode")) {
                throw new IllegalStateException("cannot handle " + product.getProductId());
            }
            received.add(product);
        }
    }

    @Autowired
    EmbeddedKafkaBroker broker;
    @Autowired
    ProducerFactory<?, ?> producerFactory;
    @Autowired
    ConsumerFactory<?, ?> consumerFactory;
    @Autowired
    @Qualifier("defaultKafkaStreamsConfig")
    KafkaStreamsConfiguration streamsConfig;
    @Autowired
    StreamsBuilderFactoryBean streamsFactory;
    @Autowired
    StreamsSettings settings;
    @Autowired
    KafkaStreamsInteractiveQueryService queries;
    @Autowired
    ProductListener listener;
    @LocalServerPort
    int port;

    @Test
    void clientsGetTheEventshopDefaults() {
        Map<String, Object> producer = producerFactory.getConfigurationProperties();
        assertThat(producer.get(ProducerConfig.ACKS_CONFIG)).isEqualTo("all");
        assertThat(producer.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).hasToString("true");
        assertThat(producer.get(ProducerConfig.LINGER_MS_CONFIG)).hasToString("5");
        assertThat(producer.get(ProducerConfig.COMPRESSION_TYPE_CONFIG)).isEqualTo("none");
        assertThat(producer.get(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG)).isEqualTo(StringSerializer.class);
        assertThat(producer.get(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG)).isEqualTo(ContractSerializer.class);
        assertThat(producer.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG).toString())
                .contains(broker.getBrokersAsString());

        Map<String, Object> consumer = consumerFactory.getConfigurationProperties();
        assertThat(consumer.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG)).isEqualTo("read_committed");
        assertThat(consumer.get(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG)).isEqualTo("earliest");
        assertThat(consumer.get(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG)).isEqualTo(false);
        assertThat(consumer.get(ConsumerConfig.GROUP_ID_CONFIG)).isEqualTo("eventshop-platform-test-listeners");

        Map<Object, Object> streams = streamsConfig.asProperties();
        assertThat(streams.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo("exactly_once_v2");
        assertThat(streams.get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("eventshop-platform-test");
        assertThat(streams.get(StreamsConfig.STATE_DIR_CONFIG)).isEqualTo(DATA_DIR + "/state/platform-test");
        assertThat(streams.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).hasToString("50");
        assertThat(streams.get(StreamsConfig.REPLICATION_FACTOR_CONFIG)).hasToString("-1");
        assertThat(streams.get(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG).toString()).contains("StringSerde");
        assertThat(settings.deadLetterTopic()).isEqualTo(DLT);
        // the random HTTP port, filled in before Kafka Streams started
        assertThat(streamsFactory.getStreamsConfiguration().get(StreamsConfig.APPLICATION_SERVER_CONFIG))
                .isEqualTo("localhost:" + port);
    }

    @Test
    void unreadableStreamRecordGoesToTheDeadLetterTopicAndProcessingContinues() throws Exception {
        byte[] garbage = ("not avro " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        Stock stock = Stock.newBuilder().setProductId("p-1").setAvailable(5).setUpdatedAt(Instant.now()).build();
        try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
            producer.send(new ProducerRecord<>("inventory.stock", utf8("bad-stock"), garbage)).get();
            producer.send(new ProducerRecord<>("inventory.stock", utf8("p-1"),
                    ContractSerde.of(Stock.class).encode(stock))).get();
        }

        List<ConsumerRecord<byte[], byte[]>> output = consume(OUTPUT, records -> !records.isEmpty());
        assertThat(output).hasSize(1);
        assertThat(new String(output.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("p-1:5");

        ConsumerRecord<byte[], byte[]> deadLetter = deadLetter("bad-stock");
        assertThat(deadLetter.value()).isEqualTo(garbage);
        assertThat(header(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo("inventory.stock");
        assertThat(ByteBuffer.wrap(deadLetter.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET).value()).getLong())
                .isZero();
        assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_FQCN)).contains("SerializationException");
        assertThat(header(deadLetter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("single-object");
        assertThat(streamsFactory.getKafkaStreams().state()).isEqualTo(KafkaStreams.State.RUNNING);

        // the view is queryable, and this instance is the advertised owner of the key
        ReadOnlyKeyValueStore<String, Stock> view =
                queries.retrieveQueryableStore("stock-view", QueryableStoreTypes.keyValueStore());
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> view.get("p-1") != null);
        assertThat(view.get("p-1").getAvailable()).isEqualTo(5);
        assertThat(view.get("bad-stock")).isNull();
        assertThat(queries.getKafkaStreamsApplicationHostInfo("stock-view", "p-1", new StringSerializer()))
                .isEqualTo(new HostInfo("localhost", port));

        Http http = new Http(port);
        assertThat(Http.json(http.get("/actuator/health/readiness")).get("status").asString()).isEqualTo("UP");
    }

    @Test
    void listenerRecordsThatCannotBeReadOrHandledAreDeadLettered() throws Exception {
        Product good = product("prod-1", "gear");
        Product poison = product("prod-2", "explode");
        ContractSerde<Product> serde = ContractSerde.of(Product.class);
        byte[] garbage = utf8("{\"not\":\"avro\"}");
        try (KafkaProducer<byte[], byte[]> producer = rawProducer()) {
            producer.send(new ProducerRecord<>("catalog.products", utf8("bad-product"), garbage)).get();
            producer.send(new ProducerRecord<>("catalog.products", utf8("prod-2"), serde.encode(poison))).get();
            producer.send(new ProducerRecord<>("catalog.products", utf8("prod-1"), serde.encode(good))).get();
        }
        Product received = listener.received.poll(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(received).isEqualTo(good);

        ConsumerRecord<byte[], byte[]> unreadable = deadLetter("bad-product");
        assertThat(unreadable.value()).isEqualTo(garbage);
        assertThat(header(unreadable, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo("catalog.products");
        assertThat(header(unreadable, KafkaHeaders.DLT_EXCEPTION_FQCN)).contains("DeserializationException");

        ConsumerRecord<byte[], byte[]> failed = deadLetter("prod-2");
        assertThat(serde.decode(failed.value())).isEqualTo(poison);
        assertThat(header(failed, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("cannot handle prod-2");
        assertThat(listener.received).isEmpty();
    }

    private static Product product(String id, String name) {
        return Product.newBuilder().setProductId(id).setSku("sku-" + id).setSlug(id).setName(name)
                .setPriceCents(1299).setCurrency("EUR").setVersion(1).build();
    }

    private ConsumerRecord<byte[], byte[]> deadLetter(String key) {
        List<ConsumerRecord<byte[], byte[]>> records = consume(DLT,
                all -> all.stream().anyMatch(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8))));
        return records.stream().filter(r -> key.equals(new String(r.key(), StandardCharsets.UTF_8)))
                .reduce((a, b) -> b).orElseThrow();
    }

    private List<ConsumerRecord<byte[], byte[]>> consume(String topic,
            Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            while (!done.test(records) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        assertThat(done.test(records)).as("records on " + topic + ": " + records.size()).isTrue();
        return records;
    }

    private KafkaProducer<byte[], byte[]> rawProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
