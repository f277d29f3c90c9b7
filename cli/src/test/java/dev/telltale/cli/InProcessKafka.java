package dev.telltale.cli;

import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A one-broker KRaft cluster in the test's JVM, for the command line's Kafka tests: internal
 * topics with one replica, topics created on first use, and {@code settings} on top. Returned
 * started, with its broker ready; the caller closes it.
 */
final class InProcessKafka {

    private InProcessKafka() {}

    /**
     * @param combined whether the controller runs in the broker's process (false lets a test stop
     *     and start the broker while the controller stays)
     */
    static KafkaClusterTestKit start(boolean combined, Map<String, String> settings) throws Exception {
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                .setCombined(combined)
                .setNumControllerNodes(1)
                .setNumBrokerNodes(1)
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("auto.create.topics.enable", "true");
        settings.forEach(builder::setConfigProp);
        KafkaClusterTestKit kit = builder.build();
        try {
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
        } catch (Exception e) {
            kit.close();
            throw e;
        }
        return kit;
    }
}
