package dev.telltale.backend.amqp;

import dev.telltale.backend.amqp.broker.Brokers;
import dev.telltale.backend.amqp.broker.TestBroker;
import dev.telltale.core.testing.contract.BackendContract;
import dev.telltale.spi.Backend;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;

/**
 * The backend contract against the AMQP backend and the broker under test (the machine's
 * RabbitMQ, or the in-process Qpid Broker-J; see {@link Brokers}), one exchange per test. Its
 * differences, as its README documents them: the key is not carried (headers are, plus the
 * backend's own); a body over {@code telltale.amqp.max-message-size} is refused as too large; a
 * live source is the monitor's private queue, which sees only what is published after it opened;
 * and a durable named queue gives a monitor that comes back what the one before had not been
 * handed, and nothing it had.
 */
class AmqpContractTest extends BackendContract {

    private TestBroker broker;
    private String exchange;
    private String queue;

    @BeforeEach
    void chooseBroker() throws Exception {
        broker = Brokers.get();
        exchange = "telltale-contract-" + UUID.randomUUID();
        queue = "telltale-contract-" + UUID.randomUUID();
    }

    @Override
    protected Backend backend() {
        return new AmqpBackend();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("telltale.amqp.uri", broker.uri(), "telltale.amqp.exchange", exchange,
                "telltale.amqp.durable", "false");
    }

    @Override
    protected Map<String, String> liveOptions() {
        return broker.queueOptions();
    }

    @Override
    protected Map<String, String> resumableOptions() {
        Map<String, String> options = new HashMap<>(broker.queueOptions());
        options.put("queue", queue);
        return options;
    }

    @Override
    protected Resume resume() {
        return Resume.CONTINUES_AFTER_HANDED_ON;
    }

    @Override
    protected Map<String, String> tooLargeSettings() {
        return Map.of("telltale.amqp.max-message-size", "2000");
    }

    @Override
    protected void cleanUp() throws Exception {
        try (RawClient raw = new RawClient(broker)) {
            raw.channel().queueDelete(queue);
        } catch (IOException e) {
            // Qpid refuses to delete what is not there (and closes the channel)
        }
        try (RawClient raw = new RawClient(broker)) {
            raw.channel().exchangeDelete(exchange);
        } catch (IOException e) {
            // likewise
        }
    }
}
