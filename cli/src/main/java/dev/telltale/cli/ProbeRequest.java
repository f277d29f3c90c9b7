package dev.telltale.cli;

import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Target;
import dev.telltale.tool.ConfigValues;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Properties;

/**
 * The request file a {@code ./telltale probe} command hands the agent (the agent's command
 * protocol: java.util.Properties with {@code command}, {@code target}, {@code instrument}, ...,
 * and {@code telltale.*} keys for the target's pipeline), built from the command line and checked
 * here, so that a mistake is a usage error before any JVM is touched.
 */
final class ProbeRequest {

    /** The sub-commands, in help order. */
    static final List<String> COMMANDS = List.of("attach", "list", "detach");
    /** Options only {@code attach} takes. */
    static final List<String> ATTACH_ONLY = List.of("target", "instrument", "name", "event", "value", "condition", "message",
            "lifespan", "backend", "out", "set", "kafka-bootstrap", "amqp-uri", "store");

    private ProbeRequest() {}

    /** The sub-command of {@code args}: its first word. */
    static String command(Args args) throws UsageException {
        List<String> words = args.positional();
        if (words.isEmpty()) {
            throw new UsageException("say what to do: attach, list or detach");
        }
        String command = words.get(0);
        if (!COMMANDS.contains(command)) {
            String best = ConfigValues.closest(command, COMMANDS, 3);
            throw new UsageException("unknown sub-command '" + command + "' (attach, list or detach)"
                    + (best == null ? "" : "; did you mean " + best + "?"));
        }
        return command;
    }

    /** The process id given with {@code --pid}. */
    static long pid(Args args) throws UsageException {
        String text = args.value("pid", null);
        if (text == null) {
            throw new UsageException("--pid is needed: the process id of the target JVM (jps lists them)");
        }
        try {
            long pid = Long.parseLong(text.strip());
            if (pid > 0) {
                return pid;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new UsageException("--pid: '" + text + "' is not a process id (a positive whole number)");
    }

    /** The longest to wait for the target: {@code --timeout}, 30 s by default. */
    static Duration timeout(Args args) throws UsageException {
        String text = args.value("timeout", "30s");
        try {
            Duration d = ConfigValues.duration(text);
            if (!d.isZero() && !d.isNegative()) {
                return d;
            }
        } catch (IllegalArgumentException e) {
            // said below
        }
        throw new UsageException("--timeout: '" + text + "' is not a duration longer than 0, such as 30s");
    }

    /** The request for {@code command}, its answer to go to {@code response}. */
    static Properties build(String command, Args args, Path response) throws UsageException {
        Properties p = new Properties();
        p.setProperty("command", command);
        p.setProperty("response", response.toString());
        List<String> words = args.positional();
        if (!command.equals("attach")) {
            for (String option : ATTACH_ONLY) {
                if (args.has(option)) {
                    throw new UsageException("--" + option + " is for attach only, not " + command);
                }
            }
        }
        switch (command) {
            case "attach" -> attach(args, p);
            case "detach" -> {
                if (words.size() != 2) {
                    throw new UsageException(words.size() < 2
                            ? "detach needs what to detach: a probe's target as 'probe list' prints it, or all"
                            : "detach takes one probe (or all), not " + String.join(" ", words.subList(1, words.size())));
                }
                p.setProperty("id", words.get(1));
            }
            default -> {
                if (words.size() > 1) {
                    throw new UsageException("list takes no words after it: " + String.join(" ", words.subList(1, words.size())));
                }
            }
        }
        return p;
    }

    private static void attach(Args args, Properties p) throws UsageException {
        if (args.positional().size() > 1) {
            throw new UsageException("unexpected words after attach: " + String.join(" ", args.positional().subList(1,
                    args.positional().size())) + " (the method goes in --target)");
        }
        String target = args.value("target", null);
        if (target == null && args.has("store")) {
            settings(args).forEach(p::setProperty); // only a probe manager on the store: its specs say what to probe
            return;
        }
        if (target == null) {
            throw new UsageException("--target is needed: the method, as com.acme.Orders#checkout"
                    + " (or --store ADDRESS to run a probe manager on a spec store)");
        }
        Target parsed;
        try {
            parsed = Target.parse(target);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--target: " + e.getMessage());
        }
        if (parsed.isHandle()) {
            throw new UsageException("--target: a method handle lives inside its application; name a method, as com.acme.Orders#checkout");
        }
        p.setProperty("target", parsed.toString());
        p.setProperty("instrument", args.value("instrument", "timer").strip());
        copy(args, p, "name", "value", "condition", "message");
        if (args.has("event")) {
            String event = args.value("event", null).strip();
            try {
                ProbeEvent.valueOf(event.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--event: '" + event + "' is not call, return or exception");
            }
            p.setProperty("event", event.toLowerCase(Locale.ROOT));
        }
        if (args.has("lifespan")) {
            String text = args.value("lifespan", null).strip();
            Duration d = lifespan(text);
            if (d.isZero() || d.isNegative()) {
                throw new UsageException("--lifespan must be longer than 0: " + text);
            }
            p.setProperty("lifespan", text);
        }
        settings(args).forEach(p::setProperty);
    }

    /** A lifespan as the core writes durations ({@code 10m}) or as ISO-8601 ({@code PT10M}). */
    static Duration lifespan(String text) throws UsageException {
        try {
            return text.toUpperCase(Locale.ROOT).startsWith("P") ? Duration.parse(text) : ConfigValues.duration(text);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new UsageException("--lifespan: '" + text + "' is not a duration such as 10m, 90s or PT10M");
        }
    }

    private static void copy(Args args, Properties p, String... options) {
        for (String o : options) {
            if (args.has(o)) {
                p.setProperty(o, args.value(o, null));
            }
        }
    }

    /** The telltale.* settings for the target's pipeline that the backend flags give. */
    static Map<String, String> settings(Args args) throws UsageException {
        Map<String, String> s = new LinkedHashMap<>();
        for (String pair : args.values("set")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--set takes KEY=VALUE, not '" + pair + "'");
            }
            String key = pair.substring(0, eq).strip();
            if (!key.startsWith("telltale.")) {
                throw new UsageException("--set: '" + key + "' is not a telltale.* setting");
            }
            s.put(key, pair.substring(eq + 1));
        }
        if (args.has("backend")) {
            s.put("telltale.backend", args.value("backend", null).strip());
        }
        if (args.has("out")) {
            // the target's working directory is not this one: a relative --out means here
            s.put("telltale.file.path", Path.of(args.value("out", null)).toAbsolutePath().resolve("events.jsonl").toString());
        }
        if (args.has("kafka-bootstrap")) {
            s.put("telltale.kafka.bootstrap.servers", args.value("kafka-bootstrap", null));
        }
        if (args.has("amqp-uri")) {
            s.put("telltale.amqp.uri", args.value("amqp-uri", null));
        }
        if (args.has("store")) {
            String store = args.value("store", null).strip();
            if (store.startsWith("file:")) { // like --out: a relative path means here, not the target's directory
                try {
                    store = "file:" + Path.of(store.substring("file:".length())).toAbsolutePath();
                } catch (java.nio.file.InvalidPathException e) {
                    throw new UsageException("--store: " + e.getMessage());
                }
            }
            s.put("telltale.probe.manager.store", store);
        }
        return s;
    }
}
