package com.eventshop.bench;

import com.eventshop.devinfra.KafkaCluster;
import java.nio.file.Path;

/** One embedded KRaft broker on free ports, for benchmarks that bring their own Kafka. */
final class EmbeddedBroker {

    private EmbeddedBroker() {
    }

    static KafkaCluster start(Path dataDir) {
        return KafkaCluster.start(KafkaCluster.Settings.of(dataDir).withPort(0));
    }
}
