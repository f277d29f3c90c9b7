package dev.telltale.backend.amqp;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A broker that takes the TCP connection and never answers (a black hole): the attempt waits the
 * configured {@code connection-timeout} for the broker's greeting, as its error message says.
 */
@Timeout(60)
class ConnectionTimeoutTest {

    private static final long TIMEOUT_MILLIS = 3000;

    @Test
    void silentBroker_attemptWaitsTheConnectionTimeout_andTheMessageStatesIt() throws Exception {
        // the kernel completes the TCP handshake of connections in the backlog; nothing ever reads them
        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String uri = "amqp://guest:guest@127.0.0.1:" + blackHole.getLocalPort() + "/%2F";
            long start = System.nanoTime();
            IOException e = assertThrows(IOException.class, () -> new AmqpBackend().openSink(TestConfig.of(
                    "telltale.amqp.uri", uri, "telltale.amqp.connection-timeout", TIMEOUT_MILLIS + "ms")));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(e.getMessage().contains("no answer within " + TIMEOUT_MILLIS + "ms"), e.getMessage());
            // the message's figure is true: the attempt did not give up sooner
            assertTrue(waited >= TIMEOUT_MILLIS, "gave up after " + waited + "ms: " + e.getMessage());
        }
    }
}
