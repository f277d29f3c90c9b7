package dev.telltale.backend.amqp;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of an AMQP 0-9-1 broker that reads the frames it relays, so a
 * test can cut a connection at a message boundary: it relays the first {@code n} {@code
 * basic.publish} messages of the first connection and holds back everything the client sends
 * after them, while still relaying the broker's answers (and counting its {@code basic.ack}s).
 * {@link #cut()} then closes every connection, as a network failure would. Later connections are
 * relayed in full, or refused (closed at once) after {@link #refuse()}.
 */
final class CuttingProxy implements AutoCloseable {

    private static final int METHOD_FRAME = 1;
    private static final int BASIC = 60;
    private static final int PUBLISH = 40;
    private static final int ACK = 80;

    private final String host;
    private final int port;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicLong ackedThrough = new AtomicLong();
    private volatile int holdAfter;
    private volatile boolean refusing;
    private volatile boolean closed;

    /** Relays to {@code host:port}, holding back what the first connection sends after {@code holdAfter} publishes. */
    CuttingProxy(String host, int port, int holdAfter) throws IOException {
        this.host = host;
        this.port = port;
        this.holdAfter = holdAfter;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "test-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The highest delivery tag the broker has acknowledged (singly or up to it) on a relayed connection. */
    long ackedThrough() {
        return ackedThrough.get();
    }

    /** Closes every open connection, both sides. */
    void cut() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    /** Closes every connection accepted from now on at once. */
    void refuse() {
        refusing = true;
    }

    /** Relays connections accepted from now on again, undoing {@link #refuse()}. */
    void allow() {
        refusing = false;
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (refusing) {
                closeQuietly(client);
                continue;
            }
            int limit = holdAfter;
            holdAfter = Integer.MAX_VALUE; // only the first connection is held back
            try {
                Socket broker = new Socket(host, port);
                sockets.add(client);
                sockets.add(broker);
                start("test-proxy-up", () -> relayUp(client, broker, limit));
                start("test-proxy-down", () -> relayDown(broker, client));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private static void start(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }

    /** Client to broker: the protocol header, then frames; from publish number {@code limit + 1} on, nothing. */
    private void relayUp(Socket client, Socket broker, int limit) {
        try {
            DataInputStream in = new DataInputStream(client.getInputStream());
            DataOutputStream out = new DataOutputStream(broker.getOutputStream());
            byte[] header = new byte[8];
            in.readFully(header);
            out.write(header);
            out.flush();
            int publishes = 0;
            boolean holding = false;
            while (true) {
                Frame frame = Frame.read(in);
                if (frame.isMethod(BASIC, PUBLISH) && ++publishes > limit) {
                    holding = true;
                }
                if (!holding) {
                    frame.write(out);
                }
            }
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(broker);
        }
    }

    /** Broker to client: frames, noting the acks. */
    private void relayDown(Socket broker, Socket client) {
        try {
            DataInputStream in = new DataInputStream(broker.getInputStream());
            DataOutputStream out = new DataOutputStream(client.getOutputStream());
            while (true) {
                Frame frame = Frame.read(in);
                frame.write(out);
                if (frame.isMethod(BASIC, ACK)) {
                    long tag = frame.longAt(4);
                    ackedThrough.accumulateAndGet(tag, Math::max);
                }
            }
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(broker);
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        cut();
    }

    /** One AMQP 0-9-1 frame: type, channel, payload (the frame-end octet is checked and written back). */
    private record Frame(int type, int channel, byte[] payload) {

        static Frame read(DataInputStream in) throws IOException {
            int type = in.readUnsignedByte();
            int channel = in.readUnsignedShort();
            int size = in.readInt();
            if (size < 0 || size > 256 * 1024 * 1024) {
                throw new IOException("not an AMQP frame: size " + size);
            }
            byte[] payload = new byte[size];
            in.readFully(payload);
            if (in.readUnsignedByte() != 0xCE) {
                throw new IOException("not an AMQP frame: no frame end");
            }
            return new Frame(type, channel, payload);
        }

        boolean isMethod(int classId, int methodId) {
            return type == METHOD_FRAME && payload.length >= 4
                    && ((payload[0] & 0xFF) << 8 | (payload[1] & 0xFF)) == classId
                    && ((payload[2] & 0xFF) << 8 | (payload[3] & 0xFF)) == methodId;
        }

        long longAt(int offset) {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = v << 8 | (payload[offset + i] & 0xFF);
            }
            return v;
        }

        void write(DataOutputStream out) throws IOException {
            out.writeByte(type);
            out.writeShort(channel);
            out.writeInt(payload.length);
            out.write(payload);
            out.writeByte(0xCE);
            out.flush();
        }
    }
}
