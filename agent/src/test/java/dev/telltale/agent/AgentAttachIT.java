package dev.telltale.agent;

import java.nio.file.Path;

/** {@link AgentAttachContract} with the child on the JDK that runs the tests (25 in CI). */
class AgentAttachIT extends AgentAttachContract {

    @Override
    Path javaHome() {
        return Path.of(System.getProperty("java.home"));
    }
}
