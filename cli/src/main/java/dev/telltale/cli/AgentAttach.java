package dev.telltale.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Loads the agent into another JVM with {@code com.sun.tools.attach}, one load per command: the
 * agent's {@code agentmain} runs the command and has written its response when the load returns.
 * The only class of the cli that touches module {@code jdk.attach}: loading it fails on a JDK
 * without that module, which {@link ProbeCommand} checks first.
 */
final class AgentAttach {

    /** The target as seen before loading: its Java feature version and its JVM arguments. */
    record Vm(int feature, String jvmArgs) {

        /**
         * Whether the JVM printed the JDK 21+ warning about a dynamically loaded agent: on 21 and
         * later unless started with -XX:+EnableDynamicAgentLoading (every load warns, even of an
         * agent given with -javaagent).
         */
        boolean warnsOnDynamicLoad() {
            return feature >= 21 && !jvmArgs.contains("-XX:+EnableDynamicAgentLoading");
        }
    }

    /** Why loading failed; the message is one line for a person. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message);
        }
    }

    private AgentAttach() {}

    /**
     * Loads {@code jar} into process {@code pid} with {@code options}, giving it at most {@code
     * timeout}; returns what the target was.
     */
    static Vm load(long pid, Path jar, String options, Duration timeout) throws Failure, InterruptedException {
        check(pid);
        CompletableFuture<Vm> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                result.complete(loadNow(pid, jar, options));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "telltale-attach");
        t.setDaemon(true);
        t.start();
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Failure("process " + pid + " did not answer within " + timeout.toSeconds() + " s (is it hung, or stopped?)");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Failure f) {
                throw f;
            }
            throw new Failure("attaching to process " + pid + " failed: " + e.getCause());
        }
    }

    /** Fails when there is no process {@code pid}, or when it is certainly no JVM. */
    static void check(long pid) throws Failure {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            throw new Failure("no process with id " + pid);
        }
        String notJava = notJava(pid, process.get());
        if (notJava != null) {
            throw new Failure(notJava);
        }
    }

    /** Why {@code process} is certainly not a JVM (it is not among the JVMs this user sees, nor is it run by java), or null. */
    private static String notJava(long pid, ProcessHandle process) {
        for (VirtualMachineDescriptor d : VirtualMachine.list()) {
            if (d.id().equals(Long.toString(pid))) {
                return null;
            }
        }
        Optional<String> command = process.info().command();
        if (command.isEmpty()) {
            return null; // another user's process, or the OS will not say: let the attach answer
        }
        String name = Path.of(command.get()).getFileName().toString();
        return name.equals("java") || name.equals("java.exe") ? null
                : "process " + pid + " is not a Java VM (it runs " + command.get() + ")";
    }

    private static Vm loadNow(long pid, Path jar, String options) throws Failure {
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException e) {
            throw new Failure("cannot attach to process " + pid + ": " + e.getMessage() + ". A JVM lets only its own user attach"
                    + " (this is " + System.getProperty("user.name") + "), and not when started with -XX:+DisableAttachMechanism");
        }
        try {
            Vm target = describe(vm);
            if (target.feature() > 0 && target.feature() < 17) {
                throw new Failure("process " + pid + " runs Java " + target.feature() + "; the agent needs Java 17 or newer");
            }
            try {
                vm.loadAgent(jar.toString(), options);
            } catch (AgentInitializationException e) {
                throw new Failure("the agent failed to start in process " + pid + " (see that process's stderr): " + e.getMessage());
            } catch (AgentLoadException e) {
                throw new Failure("process " + pid + " could not load the agent " + jar + ": " + e.getMessage()
                        + (target.jvmArgs().contains("-XX:-EnableDynamicAgentLoading")
                                ? " (it was started with -XX:-EnableDynamicAgentLoading, which forbids loading agents later)" : ""));
            } catch (IOException e) {
                throw new Failure("loading the agent into process " + pid + " failed: " + e.getMessage());
            }
            return target;
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // only closes this side's connection
            }
        }
    }

    private static Vm describe(VirtualMachine vm) {
        int feature = 0;
        String args = "";
        try {
            Properties system = vm.getSystemProperties();
            String spec = system.getProperty("java.specification.version", "");
            feature = Integer.parseInt(spec.startsWith("1.") ? spec.substring(2) : spec);
            Properties agent = vm.getAgentProperties();
            args = agent.getProperty("sun.jvm.args", "");
        } catch (IOException | RuntimeException e) {
            // a JVM that does not say: assume nothing
        }
        return new Vm(feature, args);
    }
}
