package dev.telltale.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the distribution's {@code telltale-agent.jar} is: the system property {@code
 * telltale.agent.jar} when set, else {@code agent/telltale-agent.jar} beside the cli jar (the
 * build copies it to {@code cli/target/agent/}, off the launcher's class path, because it bundles
 * the api, the core and the file backend again).
 */
final class AgentJar {

    static final String PROPERTY = "telltale.agent.jar";

    private AgentJar() {}

    /** The agent jar; throws saying where it was looked for when it is not there. */
    static Path find() throws UsageException {
        String given = System.getProperty(PROPERTY);
        if (given != null && !given.isBlank()) {
            Path p = Path.of(given.strip());
            if (!Files.isRegularFile(p)) {
                throw new UsageException("the agent jar " + p + " (-D" + PROPERTY + ") is not a file");
            }
            return p.toAbsolutePath();
        }
        Path expected = besideTheCli();
        if (expected == null || !Files.isRegularFile(expected)) {
            throw new UsageException("the agent jar is not at " + (expected == null ? "agent/telltale-agent.jar beside the cli jar"
                    : expected) + ": build it (mvn -pl cli -am package, which ./telltale does when sources change)"
                    + " or point -D" + PROPERTY + " at a telltale-agent.jar");
        }
        return expected;
    }

    /** {@code agent/telltale-agent.jar} in the directory of the cli jar (or of target/classes), or null. */
    static Path besideTheCli() {
        try {
            Path self = Path.of(AgentJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = self.getParent();
            return dir == null ? null : dir.resolve("agent").resolve("telltale-agent.jar").toAbsolutePath();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
