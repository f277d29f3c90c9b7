package dev.telltale.agent;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;

/** {@link SnapshotAgentContract} with the child on JDK 17 (found as .ci/run finds it); skipped without one. */
class SnapshotAgentJdk17IT extends SnapshotAgentContract {

    @Override
    Path javaHome() {
        Path jdk17 = ChildJvm.jdk17();
        assumeTrue(jdk17 != null, "no JDK 17 under /usr/lib/jvm, /usr/java or /opt/java (or -Dtelltale.it.jdk17): "
                + "the agent's snapshot cases on JDK 17 are skipped");
        return jdk17;
    }
}
