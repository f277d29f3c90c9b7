package dev.telltale.agent.attach;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads this jar's agent into another JVM by process id: {@code java -cp telltale-agent.jar
 * dev.telltale.agent.attach.AttachMain <pid> [agent options]}. Without options the agent loads
 * dormant (no class changes until a probe is attached).
 *
 * <p>An application's core runs this in a short child process to load the agent into its own
 * JVM, which may not attach to itself unless started with {@code -Djdk.attach.allowAttachSelf=true}.
 * Exit status 0 when the agent is loaded; otherwise 1 with one line on stderr saying why (no such
 * process, attach refused, the agent failed), or 2 for a wrong command line.
 */
public final class AttachMain {

    private AttachMain() {}

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2 || !args[0].chars().allMatch(Character::isDigit) || args[0].isEmpty()) {
            System.err.println("usage: java -cp telltale-agent.jar " + AttachMain.class.getName() + " <pid> [agent options]");
            System.exit(2);
        }
        String problem = load(args[0], args.length > 1 ? args[1] : null);
        if (problem != null) {
            System.err.println(problem);
            System.exit(1);
        }
    }

    /** Loads the agent of this class's jar into {@code pid}; null on success, else why not. */
    static String load(String pid, String options) {
        Path jar;
        try {
            jar = Path.of(AttachMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return "cannot tell where the agent jar is: " + e;
        }
        if (!Files.isRegularFile(jar)) {
            return "the agent is not running from a jar (" + jar + "); build telltale-agent.jar";
        }
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(pid);
        } catch (AttachNotSupportedException | IOException e) {
            return "cannot attach to process " + pid + ": " + e.getMessage();
        }
        try {
            vm.loadAgent(jar.toString(), options);
            return null;
        } catch (AgentInitializationException e) {
            return "the agent failed to start in process " + pid + " (agentmain returned " + e.returnValue()
                    + "); see that process's stderr";
        } catch (AgentLoadException | IOException e) {
            return "cannot load the agent " + jar + " into process " + pid + ": " + e.getMessage();
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // the agent is loaded or not either way; detaching only closes our connection
            }
        }
    }
}
