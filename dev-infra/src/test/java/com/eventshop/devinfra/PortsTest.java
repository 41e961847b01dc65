package com.eventshop.devinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortsTest {

    @TempDir
    Path dataDir;

    @Test
    void namesThePortAndTheSettingWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThat(Ports.isFree(port)).isFalse();
            assertThatThrownBy(() -> Ports.requireFree(port, "Kafka", "EVENTSHOP_KAFKA_PORT"))
                    .isInstanceOf(DevInfraException.class)
                    .hasMessage("Port " + port + " (Kafka) is already in use. Set EVENTSHOP_KAFKA_PORT to another port.");
        }
    }

    @Test
    void acceptsAFreePort() {
        int port = Ports.freePort();
        assertThat(port).isPositive();
        assertThatCode(() -> Ports.requireFree(port, "SMTP", "EVENTSHOP_SMTP_PORT")).doesNotThrowAnyException();
    }

    @Test
    void handsOutDistinctFreePortsBelowTheKernelsEphemeralRange() {
        List<Integer> ports = Ports.freePorts(50);
        assertThat(ports).hasSize(50).doesNotHaveDuplicates()
                .allSatisfy(port -> assertThat(port).isBetween(20_000, Ports.ephemeralRangeStart() - 1))
                .allSatisfy(port -> assertThat(Ports.isFree(port)).isTrue());
        assertThat(Ports.freePorts(50)).doesNotContainAnyElementsOf(ports);
    }

    @Test
    void devInfraChecksEveryPortBeforeStartingAnything() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            DevInfraSettings settings = DevInfraSettings.defaults(dataDir)
                    .withKafkaPort(0).withPostgresPort(taken.getLocalPort()).withSmtpPort(0);

            assertThatThrownBy(() -> DevInfra.start(settings, ProgressListener.NONE))
                    .isInstanceOf(DevInfraException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort() + " (PostgreSQL)")
                    .hasMessageContaining("EVENTSHOP_POSTGRES_PORT");
            // Kafka comes first but was not started: the port check runs before any part.
            assertThat(dataDir.resolve("kafka")).doesNotExist();
        }
    }
}
