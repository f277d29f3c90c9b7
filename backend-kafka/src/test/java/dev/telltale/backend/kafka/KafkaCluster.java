package dev.telltale.backend.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-broker Kafka cluster in KRaft mode, in this JVM, on loopback: one controller and
 * one broker (separate nodes, so the broker can be stopped and started while the controller
 * stays). The broker keeps its port across a restart.
 */
final class KafkaCluster implements AutoCloseable {

    private static KafkaCluster shared;

    private final KafkaClusterTestKit kit;

    private KafkaCluster(KafkaClusterTestKit kit) {
        this.kit = kit;
    }

    /** Starts a cluster whose topics have {@code partitions} partitions unless created otherwise. */
    static KafkaCluster start(int partitions) throws Exception {
        return start(partitions, true);
    }

    /**
     * Starts a cluster whose topics have {@code partitions} partitions unless created otherwise,
     * and which creates a topic on first use if {@code autoCreateTopics}; if not, a record for a
     * topic not created beforehand waits for its metadata until {@code max.block.ms} and fails.
     */
    static KafkaCluster start(int partitions, boolean autoCreateTopics) throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .setCombined(false)
                .setNumControllerNodes(1)
                .setNumBrokerNodes(1)
                .build();
        KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("num.partitions", Integer.toString(partitions))
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("auto.create.topics.enable", Boolean.toString(autoCreateTopics))
                .setConfigProp("broker.session.timeout.ms", "3000")
                .setConfigProp("broker.heartbeat.interval.ms", "500")
                .build();
        boolean started = false;
        try {
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            started = true;
            return new KafkaCluster(kit);
        } finally {
            if (!started) {
                kit.close();
            }
        }
    }

    /** One cluster shared by the test classes that do not stop its broker, closed at JVM exit. */
    static synchronized KafkaCluster shared() throws Exception {
        if (shared == null) {
            shared = start(3);
            KafkaCluster cluster = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    cluster.close();
                } catch (Exception e) {
                    // the JVM is exiting
                }
            }, "kafka-cluster-close"));
        }
        return shared;
    }

    String bootstrapServers() {
        return kit.bootstrapServers();
    }

    /** Stops the broker; the controller keeps running. */
    void stopBroker() {
        kit.brokers().values().forEach(b -> b.shutdown());
        kit.brokers().values().forEach(b -> b.awaitShutdown());
    }

    /** Starts the broker again on the same port and waits until it is ready. */
    void startBroker() throws Exception {
        kit.brokers().values().forEach(b -> b.startup());
        kit.waitForReadyBrokers();
    }

    /** Creates {@code topic} with {@code partitions} partitions and waits until it exists. */
    void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    /** Creates {@code topic} with one partition and the topic configuration {@code configs}, and waits until it exists. */
    void createTopic(String topic, Map<String, String> configs) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1).configs(configs))).all()
                    .get(30, TimeUnit.SECONDS);
        }
    }

    Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrapServers(), "default.api.timeout.ms", "30000"));
    }

    /** The topics that exist now. */
    Set<String> topics() throws Exception {
        try (Admin admin = admin()) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        kit.close();
    }
}
