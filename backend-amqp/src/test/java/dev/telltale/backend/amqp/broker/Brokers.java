package dev.telltale.backend.amqp.broker;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.util.Locale;

/**
 * Chooses the broker under test, once per JVM, by the system property {@code
 * telltale.test.broker}: {@code rabbitmq} (the machine's, on 127.0.0.1:5672 as guest/guest),
 * {@code qpid} (in-process), or {@code auto} (the default): RabbitMQ when one answers, else Qpid.
 */
public final class Brokers {

    public static final String PROPERTY = "telltale.test.broker";
    private static TestBroker current;

    private Brokers() {}

    /** The broker under test, started if needed. */
    public static synchronized TestBroker get() throws Exception {
        if (current == null) {
            current = choose();
        }
        current.ensureRunning();
        return current;
    }

    private static TestBroker choose() throws Exception {
        String wanted = System.getProperty(PROPERTY, "auto").strip().toLowerCase(Locale.ROOT);
        switch (wanted) {
            case "rabbitmq":
                return new RabbitBroker();
            case "qpid":
                return QpidBroker.start();
            case "auto", "":
                if (RabbitBroker.answers()) {
                    return new RabbitBroker();
                }
                System.err.println("No RabbitMQ answers on 127.0.0.1:" + RabbitBroker.PORT
                        + "; the AMQP tests run against an in-process Apache Qpid Broker-J");
                return QpidBroker.start();
            default:
                throw new IllegalStateException(PROPERTY + " must be auto, rabbitmq or qpid, was '" + wanted + "'");
        }
    }

    /** Whether an AMQP login as guest/guest succeeds on {@code port} within {@code timeoutMillis}. */
    static boolean answers(int port, int timeoutMillis) {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setConnectionTimeout(timeoutMillis);
        factory.setHandshakeTimeout(timeoutMillis);
        factory.setAutomaticRecoveryEnabled(false);
        try (Connection connection = factory.newConnection("telltale-test-probe")) {
            return connection.isOpen();
        } catch (Exception e) {
            return false;
        }
    }
}
