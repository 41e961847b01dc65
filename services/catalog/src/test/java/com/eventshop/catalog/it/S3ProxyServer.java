package com.eventshop.catalog.it;

import com.eventshop.devinfra.Ports;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real S3-protocol server for the tests: s3proxy (jclouds filesystem backend) from Maven
 * Central, copied to target/s3proxy/s3proxy.jar by the build and run as its own java process,
 * so its Jetty, Guava and jclouds stay off the service's class path.
 */
final class S3ProxyServer implements AutoCloseable {

    static final String ACCESS_KEY = "eventshop-test";
    static final String SECRET_KEY = "eventshop-test-secret";

    private final Process process;
    private final int port;

    private S3ProxyServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static S3ProxyServer start(Path dir) throws IOException, InterruptedException {
        Path jar = Path.of("target", "s3proxy", "s3proxy.jar").toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the build through Maven (process-test-resources)");
        }
        int port = Ports.freePort();
        Path data = Files.createDirectories(dir.resolve("data"));
        Path config = dir.resolve("s3proxy.conf");
        Files.writeString(config, String.join("\n",
                "s3proxy.endpoint=http://127.0.0.1:" + port,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + data) + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx192m", "-XX:TieredStopAtLevel=1",
                "-Djava.io.tmpdir=" + dir, "-jar", jar.toString(), "--properties", config.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
        S3ProxyServer server = new S3ProxyServer(process, port);
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!server.accepting()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                server.close();
                throw new IllegalStateException("s3proxy did not start; see " + dir.resolve("s3proxy.log"));
            }
            Thread.sleep(200);
        }
        return server;
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    private boolean accepting() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
