package dev.telltale.core.internal.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP forwarder on a loopback port of its own, in front of a real server: while open it passes
 * every connection through; {@link #shut()} closes the port and every connection, so that a client
 * sees the server as down (connection refused) until {@link #open()} binds the same port again.
 */
final class TcpGate implements AutoCloseable {

    private final int targetPort;
    private final int port;
    private final List<Socket> sockets = new ArrayList<>();
    private ServerSocket server;

    /** A gate on a free port, forwarding to {@code targetPort}; open. */
    TcpGate(int targetPort) throws IOException {
        this.targetPort = targetPort;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        }
        open();
    }

    int port() {
        return port;
    }

    /** Binds the port and forwards connections again. */
    synchronized void open() throws IOException {
        if (server != null) {
            return;
        }
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        server = s;
        Thread acceptor = new Thread(() -> accept(s), "tcp-gate-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Closes the port and every connection through it. */
    synchronized void shut() {
        if (server == null) {
            return;
        }
        closeQuietly(server);
        server = null;
        sockets.forEach(TcpGate::closeQuietly);
        sockets.clear();
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket in = s.accept();
                Socket out = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                synchronized (this) {
                    if (server != s) {
                        closeQuietly(in);
                        closeQuietly(out);
                        return;
                    }
                    sockets.add(in);
                    sockets.add(out);
                }
                pump(in, out);
                pump(out, in);
            } catch (IOException e) {
                return; // shut
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-gate-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        shut();
    }
}
