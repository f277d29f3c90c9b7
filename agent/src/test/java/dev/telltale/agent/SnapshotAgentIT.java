package dev.telltale.agent;

import java.nio.file.Path;

/** {@link SnapshotAgentContract} with the child on the JDK that runs the tests (25 in CI). */
class SnapshotAgentIT extends SnapshotAgentContract {

    @Override
    Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }
}
