package dev.telltale.backend.amqp;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import com.rabbitmq.client.impl.nio.NioParams;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/**
 * Makes RabbitMQ client connections from {@link AmqpSettings}: automatic and topology recovery
 * on, every client thread from Telltale's thread factory, NIO with writes bounded by the confirm
 * timeout, bounded timeouts, TLS with the JDK's trust store and host name verification for {@code
 * amqps}. Turns the client's connection
 * failures into {@link IOException}s that say what went wrong and name the broker without its
 * password.
 */
final class Connections {

    private Connections() {}

    /**
     * A connection factory for {@code settings}.
     *
     * @param threads makes every thread the client starts (I/O, consumer dispatch, heartbeats,
     *     recovery)
     * @param maxInboundBody the largest message body the client accepts when consuming
     */
    static ConnectionFactory factory(AmqpSettings settings, ThreadFactory threads, int maxInboundBody) {
        BrokerAddress broker = settings.broker();
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(broker.host());
        factory.setPort(broker.port());
        factory.setUsername(broker.user());
        factory.setPassword(broker.password());
        factory.setVirtualHost(broker.virtualHost());
        // NIO: a write the broker does not take (it blocks publishers during a memory or disk alarm)
        // fails after the confirm timeout instead of hanging the publisher thread in a socket write
        NioParams nio = new NioParams();
        nio.setNbIoThreads(1);
        nio.setThreadFactory(threads);
        nio.setWriteEnqueuingTimeoutInMs((int) settings.confirmTimeout().toMillis());
        factory.setNioParams(nio);
        factory.useNio();
        if (broker.tls()) {
            try {
                factory.useSslProtocol(SSLContext.getDefault());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("no default TLS context in this JVM for " + broker.redacted(), e);
            }
            factory.enableHostnameVerification();
        }
        int timeout = (int) settings.connectionTimeout().toMillis();
        factory.setConnectionTimeout(timeout);
        // the client waits half its handshake timeout for the broker's connection.start (and half for
        // connection.tune): twice the setting makes each of those waits the connection-timeout that the
        // failure message states, instead of giving up after half of it
        factory.setHandshakeTimeout((int) Math.min(Integer.MAX_VALUE, 2L * timeout));
        factory.setChannelRpcTimeout(timeout);
        factory.setShutdownTimeout(0); // do not wait for consumer callbacks on close
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(settings.recoveryInterval().toMillis());
        factory.setThreadFactory(threads);
        factory.setMaxInboundMessageBodySize(maxInboundBody);
        factory.getClientProperties().putAll(settings.clientProperties());
        return factory;
    }

    /**
     * Opens a connection named {@code name} (the broker shows it as the client-provided name).
     *
     * @throws IOException if the broker cannot be reached or refuses; the message says why and
     *     names the broker, never with its password
     */
    static Connection open(ConnectionFactory factory, AmqpSettings settings, String name) throws IOException {
        BrokerAddress broker = settings.broker();
        List<Address> addresses = settings.addresses().isEmpty()
                ? List.of(new Address(broker.host(), broker.port())) : settings.addresses();
        try {
            return factory.newConnection(addresses, name);
        } catch (IOException | TimeoutException | RuntimeException e) {
            throw failure(settings, addresses, e);
        }
    }

    private static IOException failure(AmqpSettings settings, List<Address> addresses, Exception e) {
        BrokerAddress broker = settings.broker();
        String where = settings.addresses().isEmpty() ? broker.redacted() : broker.redacted() + " (addresses " + addresses + ")";
        String why;
        if (e instanceof PossibleAuthenticationFailureException) {
            why = "the broker refused the login of user '" + broker.user() + "': wrong user name or password?";
        } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            why = "nothing accepts connections there (is the broker running?)";
        } else if (e instanceof UnknownHostException) {
            why = "unknown host";
        } else if (e instanceof SocketTimeoutException || e instanceof TimeoutException) {
            why = "no answer within " + settings.connectionTimeout().toMillis() + "ms (telltale.amqp.connection-timeout)";
        } else if (e instanceof SSLException) {
            why = "the TLS handshake failed";
        } else if (closeReason(e) != null) {
            why = "the broker closed the connection: " + broker.mask(closeReason(e));
        } else {
            why = "connection failed";
        }
        return Secrets.wrap(broker, "cannot connect to " + where + ": " + why, e);
    }

    /** The reply text of the broker's connection.close behind {@code e}, or null. */
    static String closeReason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException s && s.getReason() != null) {
                if (s.getReason() instanceof com.rabbitmq.client.AMQP.Connection.Close close) {
                    return close.getReplyCode() + " " + close.getReplyText();
                }
                if (s.getReason() instanceof com.rabbitmq.client.AMQP.Channel.Close close) {
                    return close.getReplyCode() + " " + close.getReplyText();
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** Closes {@code connection} within {@code timeoutMillis}, aborting it if that fails; never throws. */
    static void closeQuietly(Connection connection, int timeoutMillis) {
        if (connection == null) {
            return;
        }
        try {
            connection.close(timeoutMillis);
        } catch (IOException | RuntimeException e) {
            connection.abort(timeoutMillis);
        }
    }
}
