package com.eventshop.platform.kafka.streams;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;

/**
 * Interactive queries of one key-value store keyed by a string: answered from this
 * instance's store when it is the active owner of the key, else forwarded to the owner (its
 * {@code application.server}) with {@link KeyOwnerForwarder}. Every failure to query
 * (KafkaStreams not started, rebalancing, a store being restored, an owner out of reach) is
 * a 503 problem with Retry-After; an absent key is an empty answer (the caller's 404).
 *
 * @param <V> the store's value type
 */
public final class StoreQueries<V> {

    /** Where a key lives: the active host, whether that is this instance, and the partition. */
    public record Owner(HostInfo host, boolean local, int partition) {
    }

    private final String storeName;
    private final Supplier<KafkaStreams> streams;
    private final Supplier<HostInfo> self;
    private final KeyOwnerForwarder forwarder;
    private final StoreUnavailable unavailable;

    /**
     * @param storeName the queried store
     * @param streams   the running KafkaStreams (null before start), e.g. {@code factory::getKafkaStreams}
     * @param self      this instance's {@code application.server}
     * @param forwarder asks the owner of a key held elsewhere
     */
    public StoreQueries(String storeName, Supplier<KafkaStreams> streams, Supplier<HostInfo> self,
                        KeyOwnerForwarder forwarder) {
        this.storeName = storeName;
        this.streams = streams;
        this.self = self;
        this.forwarder = forwarder;
        this.unavailable = forwarder.unavailable();
    }

    /** Queries of a store of the service's Spring-managed KafkaStreams. */
    public static <V> StoreQueries<V> of(String storeName, StreamsBuilderFactoryBean factory,
                                         KafkaStreamsInteractiveQueryService interactiveQueries,
                                         KeyOwnerForwarder forwarder) {
        return new StoreQueries<>(storeName, factory::getKafkaStreams,
                interactiveQueries::getCurrentKafkaStreamsApplicationHostInfo, forwarder);
    }

    public HostInfo self() {
        return self.get();
    }

    /**
     * The value of {@code key} as the API shows it: {@code view} of the local value when this
     * instance owns the key, else what the owner answers at {@code path} (read as {@code type}).
     * Empty when the key is absent (or {@code view} gives null, e.g. for a value the caller may
     * not see).
     *
     * @param forwarded the request was forwarded to this instance: answer from the local store
     *                  only, and a key owned elsewhere (ownership is moving) is a 503, not another hop
     */
    public <T> Optional<T> find(String key, boolean forwarded, String path, Class<T> type, Function<V, T> view) {
        Owner owner = ownerOf(key);
        if (owner.local()) {
            return local(key, owner.partition()).map(view);
        }
        if (forwarded) {
            throw unavailable.rebalancing("The owner of " + key + " is not this instance (ownership is moving)");
        }
        return forwarder.fetch(owner.host(), path, type);
    }

    /** The value of a key this instance owns; a 503 when another instance owns it. */
    public Optional<V> findLocal(String key) {
        Owner owner = ownerOf(key);
        if (!owner.local()) {
            throw unavailable.rebalancing("The owner of " + key + " is another instance ("
                    + owner.host().host() + ":" + owner.host().port() + ")").with("owner",
                    owner.host().host() + ":" + owner.host().port());
        }
        return local(key, owner.partition());
    }

    public Owner ownerOf(String key) {
        KafkaStreams kafkaStreams = running();
        KeyQueryMetadata metadata;
        try {
            metadata = kafkaStreams.queryMetadataForKey(storeName, key, new StringSerializer());
        } catch (IllegalStateException e) {
            throw unavailable.rebalancing("The " + storeName + " store is not available: " + e.getMessage());
        }
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)
                || metadata.activeHost() == null || metadata.activeHost().port() < 0) {
            throw unavailable.rebalancing("The owner of " + key + " is not known right now (rebalancing)");
        }
        return new Owner(metadata.activeHost(), metadata.activeHost().equals(self()), metadata.partition());
    }

    /** The value of a key in this instance's store, in the given partition. */
    public Optional<V> local(String key, int partition) {
        ReadOnlyKeyValueStore<String, V> store = store(storeName, partition);
        return read(() -> Optional.ofNullable(store.get(key)));
    }

    /** The instances that hold some partition of the store (scatter-gather). */
    public List<HostInfo> instances() {
        KafkaStreams kafkaStreams = running();
        Collection<StreamsMetadata> all;
        try {
            all = kafkaStreams.streamsMetadataForStore(storeName);
        } catch (IllegalStateException e) {
            throw unavailable.rebalancing("The " + storeName + " store is not available: " + e.getMessage());
        }
        List<HostInfo> hosts = all.stream()
                .filter(m -> !m.topicPartitions().isEmpty())
                .map(StreamsMetadata::hostInfo)
                .distinct()
                .toList();
        if (hosts.isEmpty()) {
            throw unavailable.rebalancing("No instance holds the " + storeName + " store right now (rebalancing)");
        }
        return hosts;
    }

    /** Every local partition of a store of this service (e.g. an index beside the queried store). */
    public <W> ReadOnlyKeyValueStore<String, W> store(String name) {
        return store(name, null);
    }

    /** Runs a read of local stores; a store that stops being queryable meanwhile is a 503. */
    public <R> R read(Supplier<R> query) {
        try {
            return query.get();
        } catch (InvalidStateStoreException e) {
            throw notQueryable(e);
        }
    }

    /** The forwarder that asks other instances. */
    public KeyOwnerForwarder forwarder() {
        return forwarder;
    }

    private <W> ReadOnlyKeyValueStore<String, W> store(String name, Integer partition) {
        KafkaStreams kafkaStreams = running();
        StoreQueryParameters<ReadOnlyKeyValueStore<String, W>> parameters =
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore());
        if (partition != null) {
            parameters = parameters.withPartition(partition);
        }
        try {
            return kafkaStreams.store(parameters);
        } catch (InvalidStateStoreException e) {
            throw notQueryable(e);
        }
    }

    private KafkaStreams running() {
        KafkaStreams kafkaStreams = streams.get();
        if (kafkaStreams == null) {
            throw unavailable.rebalancing("Stream processing is starting");
        }
        KafkaStreams.State state = kafkaStreams.state();
        if (state != KafkaStreams.State.RUNNING && state != KafkaStreams.State.REBALANCING) {
            throw unavailable.rebalancing("Stream processing is not running (" + state + ")");
        }
        return kafkaStreams;
    }

    private RuntimeException notQueryable(InvalidStateStoreException e) {
        return unavailable.rebalancing("The " + storeName + " store is not queryable right now: " + e.getMessage());
    }
}
