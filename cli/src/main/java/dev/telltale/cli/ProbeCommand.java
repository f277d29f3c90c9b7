package dev.telltale.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * {@code ./telltale probe attach|list|detach --pid N}: probes on any method of a running JVM, by
 * name, through Telltale's agent. Each command writes a request file, loads the agent into the
 * target with it (the agent runs the command in {@code agentmain} and writes its answer before the
 * load returns) and prints the answer. Exit status 0 when the agent did it, 1 when it or the attach
 * failed, 2 for a command line that cannot be run.
 */
final class ProbeCommand implements Command {

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public String synopsis() {
        return "attach|list|detach --pid N [options]";
    }

    @Override
    public String summary() {
        return "attach probes to any method of a running JVM by name, list them, detach them";
    }

    @Override
    public String description() {
        return """
                Loads Telltale's agent (telltale-agent.jar, which brings the api, the core and the
                file backend with it) into the JVM with process id N, which needs no Telltale of
                its own, and has it run one command:

                  attach --target 'com.acme.Orders#checkout' [--instrument timer] [--lifespan 10m]
                         attaches a probe with one instrument to every overload of the method (or
                         to one, given its descriptor: 'com.acme.Orders#checkout(Ljava/lang/String;)Z')
                  attach --store ADDRESS
                         runs a probe manager in the target on a spec store (file:PATH,
                         kafka:HOST:PORT, amqp:URI): it applies the specs put there and reports
                         back (see ./telltale specs); with --target too, it also attaches that probe
                  list   prints the probes attached, their instruments and their state
                  detach ID|all
                         detaches a probe (its target as list prints it) or all of them; the
                         methods get their original bytecode back

                The target's events go to its own pipeline if the application made one, else to the
                file backend at <the target's working directory>/telltale-out/events.jsonl, unless
                --backend, --out or --set say otherwise; the command prints where. The JVM must run
                Java 17 or newer as this user. On Java 21 and later a JVM not started with
                -XX:+EnableDynamicAgentLoading prints a warning on its stderr each time an agent is
                loaded this way; the command says so.""";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.value("pid", 'p', "N", "the process id of the target JVM (jps lists them); required"),
                Option.value("target", 't', "TYPE#METHOD", "attach: the method, e.g. com.acme.Orders#checkout"),
                Option.value("instrument", 'i', "TYPE", "attach: log, counter, histogram, timer or a custom type (default timer)"),
                Option.value("name", 'n', "NAME", "attach: the instrument's name (default: its type)"),
                Option.value("event", 'e', "EVENT", "attach: call, return or exception (default: the instrument's)"),
                Option.value("value", (char) 0, "EXPR", "attach: what it records, e.g. args[0].total"),
                Option.value("condition", 'c', "EXPR", "attach: fire only when this holds, e.g. 'elapsed > 5ms'"),
                Option.value("message", 'm', "TEXT", "attach: a log instrument's message"),
                Option.value("lifespan", 'l', "DURATION", "attach: how long it stays, e.g. 10m, 2h or PT10M (default 10m)"),
                Option.value("backend", 'b', "NAME", "attach: the target's backend when it has no pipeline (file in the agent jar)"),
                Option.value("out", 'o', "DIR", "attach: the file backend's directory, relative to here (default the target's telltale-out)"),
                Option.values("set", 's', "KEY=VALUE", "attach: any telltale.* setting for the target's pipeline"),
                Option.value("kafka-bootstrap", (char) 0, "HOST:PORT", "attach: telltale.kafka.bootstrap.servers"),
                Option.value("amqp-uri", (char) 0, "URI", "attach: telltale.amqp.uri"),
                Option.value("store", (char) 0, "ADDRESS", "attach: run a probe manager in the target on this spec store"
                        + " (file:PATH, kafka:HOST:PORT, amqp:URI; docs/SPECS.md); --target is then optional"),
                Option.value("timeout", (char) 0, "DURATION", "the longest to wait for the target JVM (default 30s)"),
                Option.flag("help", 'h', "show this help"));
    }

    @Override
    public String epilog() {
        return """
                Examples:
                  ./telltale probe attach --pid 4242 --target 'com.acme.Orders#checkout' --instrument timer --lifespan 10m
                  ./telltale probe attach -p 4242 -t 'com.acme.Orders#checkout' -i log --value args[0] -c 'elapsed > 50ms'
                  ./telltale probe list --pid 4242
                  ./telltale probe detach --pid 4242 'com.acme.Orders#checkout'

                Exit status: 0 done, 1 the attach or the agent failed (the message says why), 2 a
                command line that cannot be run.""";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        String command = ProbeRequest.command(args);
        long pid = ProbeRequest.pid(args);
        Duration timeout = ProbeRequest.timeout(args);
        Path dir = Files.createTempDirectory("telltale-probe-");
        try {
            Path request = dir.resolve("request.properties");
            Path response = dir.resolve("response.properties");
            Properties p = ProbeRequest.build(command, args, response);
            try (OutputStream o = Files.newOutputStream(request)) {
                p.store(o, "telltale probe " + command);
            }
            if (ModuleLayer.boot().findModule("jdk.attach").isEmpty()) { // before AgentAttach, whose loading needs it
                err.println("telltale probe: the JDK running this command (" + System.getProperty("java.home")
                        + ") has no jdk.attach module, which attaching needs; run it with a full JDK 17+ (set JAVA_HOME)");
                return 1;
            }
            AgentAttach.Vm vm;
            try {
                AgentAttach.check(pid);
                vm = AgentAttach.load(pid, AgentJar.find(), "request=" + request, timeout);
            } catch (AgentAttach.Failure | UsageException e) {
                err.println("telltale probe " + command + ": " + e.getMessage());
                return 1;
            }
            Properties answer = read(response);
            if (answer == null) {
                err.println("telltale probe " + command + ": the agent in process " + pid + " wrote no answer (an older"
                        + " telltale-agent.jar loaded there first? see that process's stderr)");
                note(vm, pid, err);
                return 1;
            }
            int status = print(command, pid, vm, answer, out, err);
            note(vm, pid, status == 0 ? out : err);
            return status;
        } finally {
            delete(dir);
        }
    }

    private static int print(String command, long pid, AgentAttach.Vm vm, Properties answer, PrintStream out, PrintStream err) {
        String message = answer.getProperty("message", "").strip();
        if (!"true".equals(answer.getProperty("ok"))) {
            err.println("telltale probe " + command + ": " + (message.isEmpty() ? "the agent said no, without a reason" : message));
            return 1;
        }
        String java = vm.feature() > 0 ? " (Java " + vm.feature() + ")" : "";
        out.println("Process " + pid + java + ": " + (message.isEmpty() ? command + " done" : message));
        if (command.equals("list")) {
            int n = count(answer.getProperty("probes", "0"));
            if (n == 0) {
                out.println("  no probes attached");
            }
            for (int i = 0; i < n; i++) {
                String status = answer.getProperty("probe." + i + ".status", "").strip();
                out.println("  " + answer.getProperty("probe." + i + ".target", "?") + (status.isEmpty() ? "" : "  " + status));
                String instruments = answer.getProperty("probe." + i + ".instruments", "").strip();
                if (!instruments.isEmpty()) {
                    out.println("    " + String.join(", ", instruments.split("\\s*,\\s*")));
                }
            }
        }
        String events = answer.getProperty("events", "").strip();
        if (!events.isEmpty()) {
            out.println("Events go to " + events);
        }
        return 0;
    }

    /** The JDK 21+ warning the target printed, and how to silence it; nothing on older JVMs. */
    private static void note(AgentAttach.Vm vm, long pid, PrintStream out) {
        if (vm.warnsOnDynamicLoad()) {
            out.println("Note: process " + pid + " runs Java " + vm.feature() + " without -XX:+EnableDynamicAgentLoading, so it"
                    + " printed a warning about a dynamically loaded agent on its stderr (harmless; each probe command warns again).");
            out.println("  To silence it, start that JVM with -XX:+EnableDynamicAgentLoading (-javaagent:telltale-agent.jar"
                    + " alone does not: the commands still load the agent).");
        }
    }

    private static int count(String text) {
        try {
            return Math.max(0, Math.min(100_000, Integer.parseInt(text.strip())));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Properties read(Path response) throws IOException {
        if (!Files.isRegularFile(response)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(response)) {
            p.load(in);
        }
        return p;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException ignored) {
            // a temporary directory left behind is no failure of the command
        }
    }
}
