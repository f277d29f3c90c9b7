package dev.telltale.backend.kafka;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-broker Kafka cluster in KRaft mode, in this JVM, on loopback: one controller and
 * one broker (separate nodes, so the broker can be stopped and started while the controller
 * stays). The broker keeps its port across a restart.
 *
 * <p>Tests that are not about a topic's automatic creation publish to topics made with {@link
 * #newTopic} or {@link #createTopic}, which return only once the broker serves every partition: a
 * Kafka broker before 4.5 can refuse for good the first of two produce requests an idempotent
 * producer has in flight to a partition it is still creating (KAFKA-15591), and those records then
 * wait out {@code delivery.timeout.ms} before Telltale sends them again (see the module README,
 * "Known limits").
 */
final class KafkaCluster implements AutoCloseable {

    private static final long ADMIN_WAIT_SECONDS = 30;
    private static final long POLL_MILLIS = 20;
    private static final int MAX_ATTEMPTS = 1000;

    private static KafkaCluster shared;

    private final KafkaClusterTestKit kit;
    private final int partitions;

    private KafkaCluster(KafkaClusterTestKit kit, int partitions) {
        this.kit = kit;
        this.partitions = partitions;
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
            return new KafkaCluster(kit, partitions);
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

    /**
     * A new topic named {@code prefix-<unique>}, with the cluster's default number of partitions,
     * created and served (see {@link #createTopic(String, int)}).
     */
    String newTopic(String prefix) throws Exception {
        String topic = Pipelines.uniqueTopic(prefix);
        createTopic(topic, partitions);
        return topic;
    }

    /** Creates {@code topic} with {@code partitions} partitions and waits until the broker serves each of them. */
    void createTopic(String topic, int partitions) throws Exception {
        create(new NewTopic(topic, partitions, (short) 1));
    }

    /**
     * Creates {@code topic} with one partition and the topic configuration {@code configs}, and
     * waits until the broker serves it.
     */
    void createTopic(String topic, Map<String, String> configs) throws Exception {
        create(new NewTopic(topic, 1, (short) 1).configs(configs));
    }

    /**
     * Creates the topic, then waits (at most 30 s) until its partitions' leader answers for each:
     * the controller acknowledges the creation once it is recorded, and the broker applies it a
     * little later. Listing the partitions' offsets needs the leader's replica, as a produce request
     * does; while the broker does not know the topic yet or is not its leader yet, the listing fails
     * with a retriable error and is tried again.
     */
    private void create(NewTopic topic) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(topic)).all().get(ADMIN_WAIT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> all = IntStream.range(0, topic.numPartitions())
                    .mapToObj(p -> new TopicPartition(topic.name(), p))
                    .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ADMIN_WAIT_SECONDS);
            for (int attempt = 1; ; attempt++) {
                try {
                    admin.listOffsets(all).all().get(ADMIN_WAIT_SECONDS, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline
                            || attempt == MAX_ATTEMPTS) {
                        throw e;
                    }
                }
                TimeUnit.MILLISECONDS.sleep(POLL_MILLIS); // the broker applies the creation; nothing to block on
            }
        }
    }

    Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", bootstrapServers(), "default.api.timeout.ms", "30000"));
    }

    /** The topics that exist now. */
    Set<String> topics() throws Exception {
        try (Admin admin = admin()) {
            return admin.listTopics().names().get(ADMIN_WAIT_SECONDS, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws Exception {
        kit.close();
    }
}
