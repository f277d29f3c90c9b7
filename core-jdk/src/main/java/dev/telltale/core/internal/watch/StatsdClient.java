package dev.telltale.core.internal.watch;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Sends StatsD timers over UDP in the plain line protocol ({@code name:12.345|ms}), several lines
 * per datagram, each datagram at most {@value #MAX_DATAGRAM} bytes (fits an Ethernet frame). On
 * the watcher thread only. A failed send is logged once at WARNING, then at DEBUG; nothing is
 * retried (StatsD is lossy by design).
 */
final class StatsdClient implements AutoCloseable {

    static final int MAX_DATAGRAM = 1432;

    private final InetSocketAddress target;
    private final DatagramSocket socket;
    private boolean failedBefore;

    StatsdClient(InetSocketAddress target) throws SocketException {
        this.target = target;
        this.socket = new DatagramSocket();
    }

    InetSocketAddress target() {
        return target;
    }

    /**
     * Parses {@code host:port} ({@code [v6]:port} for an IPv6 literal).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("telltale.watch.statsd: '" + text + "' is not host:port");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("telltale.watch.statsd: '" + text + "' has no port number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("telltale.watch.statsd: port " + port + " is not in 1..65535");
        }
        return new InetSocketAddress(host, port);
    }

    /** A metric name of {@code parts} joined by dots, with what StatsD cannot take replaced by {@code _}. */
    static String metric(String prefix, String loop, String suffix) {
        StringBuilder b = new StringBuilder();
        for (String part : new String[] {prefix, loop, suffix}) {
            if (part.isEmpty()) {
                continue;
            }
            if (b.length() > 0) {
                b.append('.');
            }
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                b.append(c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_') ? c : '_');
            }
        }
        return b.toString();
    }

    /** Sends one timer line per value (nanoseconds, written as milliseconds). */
    void timings(String metric, List<Long> nanos) {
        StringBuilder packet = new StringBuilder();
        for (long n : nanos) {
            String line = metric + ":" + String.format(Locale.ROOT, "%.3f", n / 1e6) + "|ms";
            if (packet.length() > 0 && packet.length() + 1 + line.length() > MAX_DATAGRAM) {
                send(packet.toString());
                packet.setLength(0);
            }
            if (packet.length() > 0) {
                packet.append('\n');
            }
            packet.append(line);
        }
        if (packet.length() > 0) {
            send(packet.toString());
        }
    }

    private void send(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, target));
        } catch (IOException | RuntimeException e) {
            WatchService.LOG.log(failedBefore ? Level.DEBUG : Level.WARNING,
                    "telltale: cannot send lag to StatsD at " + target + ": " + e);
            failedBefore = true;
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
