package dev.telltale.backend.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import dev.telltale.backend.amqp.broker.TestBroker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A plain RabbitMQ client connection for looking at what the backend did, independently of it. */
final class RawClient implements AutoCloseable {

    private final Connection connection;
    private final Channel channel;

    RawClient(TestBroker broker) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(broker.uri());
        factory.setAutomaticRecoveryEnabled(false);
        factory.setConnectionTimeout(5000);
        connection = factory.newConnection("telltale-test-raw");
        channel = connection.createChannel();
    }

    Channel channel() {
        return channel;
    }

    /** Declares an exclusive, auto-delete queue bound to the existing {@code exchange} with {@code key}. */
    String boundQueue(String exchange, String key, Map<String, Object> arguments) throws IOException {
        String queue = channel.queueDeclare("", false, true, true, arguments).getQueue();
        channel.queueBind(queue, exchange, key);
        return queue;
    }

    /** Every message in {@code queue} now, acknowledged. */
    List<GetResponse> drain(String queue) throws IOException {
        List<GetResponse> out = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            GetResponse response = channel.basicGet(queue, true);
            if (response == null) {
                break;
            }
            out.add(response);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        connection.abort(2000);
    }
}
