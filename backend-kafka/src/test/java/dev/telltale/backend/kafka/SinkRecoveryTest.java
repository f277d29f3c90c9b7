package dev.telltale.backend.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.spi.Envelope;
import dev.telltale.spi.Sink;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;

/** The sink on its own, against the real broker: a producer that can no longer send is replaced. */
class SinkRecoveryTest {

    private static Envelope envelope(String source, int seq) {
        String json = "{\"kind\":\"k\",\"routingKey\":\"r.k\",\"source\":\"" + source + "\",\"seq\":" + seq + ",\"fields\":{}}";
        return new Envelope("r.k", source, Map.of(Envelope.KIND_HEADER, "k"), json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void publish_producerClosedUnderneath_throwsOnceThenANewProducerPublishes() throws Exception {
        KafkaCluster cluster = KafkaCluster.shared();
        String topic = cluster.newTopic("recovery");
        FakeBackendConfig config = FakeBackendConfig.of("telltale.kafka.bootstrap.servers", cluster.bootstrapServers(),
                "telltale.kafka.topic", topic);
        try (Sink sink = new KafkaBackend().openSink(config)) {
            assertEquals(Sink.Outcome.ALL_PUBLISHED, sink.publish(List.of(envelope("s", 1), envelope("s", 2))));

            Field field = KafkaSink.class.getDeclaredField("producer");
            field.setAccessible(true);
            ((Producer<?, ?>) field.get(sink)).close(Duration.ZERO);

            IOException e = assertThrows(IOException.class, () -> sink.publish(List.of(envelope("s", 3))));
            assertTrue(e.getMessage().contains("took none of 1 records") && e.getMessage().contains("will be replaced"),
                    e.getMessage());
            assertEquals(Sink.Outcome.ALL_PUBLISHED, sink.publish(List.of(envelope("s", 3), envelope("s", 4))));
        }
        try (var source = Pipelines.source(cluster.bootstrapServers(), Map.of("telltale.kafka.topic", topic), List.of(),
                "from", "earliest")) {
            assertEquals(List.of(1L, 2L, 3L, 4L), Pipelines.read(source, 4, Duration.ofSeconds(30)).stream()
                    .map(Pipelines::seq).toList());
        }
    }
}
