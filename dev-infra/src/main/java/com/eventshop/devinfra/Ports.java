package com.eventshop.devinfra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Port checks done before a part starts, so a clash is reported in plain words. */
public final class Ports {

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();
    /** Where picked ports start: above the registered ports most local servers use. */
    private static final int FIRST_PORT = 20_000;

    private Ports() {
    }

    /**
     * Fails when something already listens on {@code port}.
     *
     * @param what    the part that wants the port, e.g. "Kafka"
     * @param setting the setting that moves it, e.g. "EVENTSHOP_KAFKA_PORT"
     */
    public static void requireFree(int port, String what, String setting) {
        if (!isFree(port)) {
            throw new DevInfraException("Port " + port + " (" + what + ") is already in use. Set "
                    + setting + " to another port.");
        }
    }

    /**
     * Whether nothing listens on {@code port}, on the wildcard address (a server on any local
     * address clashes there on Linux) or on loopback (where the servers bind; macOS lets a
     * wildcard bind pass next to it).
     */
    public static boolean isFree(int port) {
        return canBind(new InetSocketAddress(port))
                && canBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    private static boolean canBind(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            // Like the servers themselves: a port left in TIME_WAIT by an earlier run is usable.
            socket.setReuseAddress(true);
            socket.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port that is free right now, below the kernel's ephemeral range (see {@link #freePorts}). */
    public static int freePort() {
        return freePorts(1).get(0);
    }

    /**
     * {@code count} distinct free ports. They are picked below the kernel's ephemeral port range:
     * a port the kernel hands out for {@code bind(0)} comes from that range, where any outgoing
     * connection (a client of an earlier test, the JDK's HTTP client) may take it between the check
     * and the bind of its user; that happened to a service port in a test run. Ports handed out
     * once are never handed out again by this JVM (a test's Kafka port and the cluster's
     * controller port once collided so).
     */
    public static List<Integer> freePorts(int count) {
        int below = ephemeralRangeStart();
        if (below - FIRST_PORT < 1_000) {
            return kernelPicked(count); // a range reaching down to here: nothing to keep clear of
        }
        List<Integer> ports = new ArrayList<>();
        for (int attempt = 0; ports.size() < count && attempt < 10_000; attempt++) {
            int candidate = ThreadLocalRandom.current().nextInt(FIRST_PORT, below);
            if (!HANDED_OUT.contains(candidate) && isFree(candidate) && HANDED_OUT.add(candidate)) {
                ports.add(candidate);
            }
        }
        if (ports.size() < count) {
            ports.addAll(kernelPicked(count - ports.size()));
        }
        return List.copyOf(ports);
    }

    /** The first port of Linux's ephemeral range, or the usual 32768 where it cannot be read. */
    static int ephemeralRangeStart() {
        try {
            // read line by line: procfs reports a size of 0, and a read by size returns a single byte
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    /** Ports the kernel picks, all held open until the last is picked so none comes twice. */
    private static List<Integer> kernelPicked(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            while (ports.size() < count) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    ports.add(socket.getLocalPort());
                }
            }
            return List.copyOf(ports);
        } catch (IOException e) {
            throw new DevInfraException("Could not find a free port: " + e.getMessage(), e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // Closing a listening socket that never accepted anything does not fail in practice.
                }
            }
        }
    }
}
