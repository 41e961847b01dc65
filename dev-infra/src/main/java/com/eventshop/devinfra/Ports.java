package com.eventshop.devinfra;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Port checks done before a part starts, so a clash is reported in plain words. */
public final class Ports {

    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

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

    /** A port that is free on the loopback interface right now (the kernel picks it). */
    public static int freePort() {
        return freePorts(1).get(0);
    }

    /**
     * {@code count} distinct free ports: all are held open until the last is picked, so the
     * kernel cannot hand out the same one twice.
     */
    public static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            // A port found free is not held: a later call could get it again before its user binds
            // it (a test's Kafka port and the cluster's controller port collided so). Ports handed
            // out once are never handed out again by this JVM.
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
