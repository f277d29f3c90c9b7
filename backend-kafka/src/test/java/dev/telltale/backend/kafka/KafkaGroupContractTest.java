package dev.telltale.backend.kafka;

import java.util.Map;

/**
 * The backend contract against the Kafka backend, resuming through a consumer group: a monitor
 * that stops and comes back with the same group continues right after what it was handed.
 */
class KafkaGroupContractTest extends KafkaContractTest {

    private final String group = Pipelines.uniqueTopic("contract-group");

    @Override
    protected Map<String, String> resumableOptions() {
        return Map.of("group", group, "from", "earliest");
    }

    @Override
    protected Resume resume() {
        return Resume.CONTINUES_AFTER_HANDED_ON;
    }
}
