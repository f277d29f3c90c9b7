package dev.telltale.cli;

import dev.telltale.monitor.KeyExtractor;
import dev.telltale.monitor.MalformedInput;
import dev.telltale.monitor.Monitor;
import dev.telltale.monitor.MonitorCounts;
import dev.telltale.monitor.MonitorOptions;
import dev.telltale.monitor.MonitorStream;
import dev.telltale.spi.Backend;
import dev.telltale.spi.ConfigKey;
import dev.telltale.tool.BackendSources;
import dev.telltale.tool.ConfigValues;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code ./telltale monitor}: prints the events a backend holds or carries (or that standard input
 * holds), filtered by topic patterns, optionally as extracted keys or as collated objects. Built
 * on {@link Monitor}; the rules are in {@code docs/MONITOR.md}.
 */
final class MonitorCommand implements Command {

    static final int SKIPPED = 3;
    private static final Duration TICK = Duration.ofMillis(MonitorOutput.FLUSH_MILLIS);

    @Override
    public String name() {
        return "monitor";
    }

    @Override
    public String summary() {
        return "print events from a backend or standard input; filter, extract keys, collate contexts";
    }

    @Override
    public String description() {
        return """
                Reads events from a backend's consuming side (the file backend's files by default) or from
                standard input, keeps those whose routing key matches a topic pattern, and prints one JSON
                document a line: each event as published, or (-c) each context rebuilt from its messages,
                printed once when it finishes. The JVM counterpart of contexture's lcmon.""";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.value("backend", (char) 0, "NAME", "read from this backend (default: telltale.backend, else file)"),
                Option.value("file", (char) 0, "PATH", "the file backend's events file (telltale.file.path); implies --backend file"),
                Option.value("kafka-bootstrap", (char) 0, "HOST:PORT", "the Kafka brokers (telltale.kafka.bootstrap.servers); implies --backend kafka"),
                ClientLogging.OPTION,
                Option.value("amqp-uri", (char) 0, "URI", "the RabbitMQ broker (telltale.amqp.uri); implies --backend amqp"),
                Option.flag("follow", 'f', "keep reading as the files grow (file backend: follow=true)"),
                Option.value("from", (char) 0, "WHERE", "where to start: file start|end, kafka earliest|latest (option from)"),
                Option.values("set", (char) 0, "KEY=VALUE", "any telltale.* backend setting, e.g. telltale.file.path=x"),
                Option.values("option", (char) 0, "NAME=VALUE", "any subscription option of the backend (listed below)"),
                Option.value("queue", (char) 0, "NAME", "AMQP: consume from an existing queue (option queue)"),
                Option.values("arg", 'a', "K=V", "AMQP: header bindings, matched with -x (option headers)"),
                Option.value("xmatch", 'x', "all|any", "AMQP: x-match for the binding arguments (option x-match)"),
                Option.value("group", (char) 0, "GROUP", "Kafka: consumer group (option group)"),
                Option.flag("stdin", 's', "read JSON lines from standard input instead: events, or what -v printed"),
                Option.values("rkey", 'r', "PATTERN", "topic patterns: * one word, # zero or more (default: every key)"),
                Option.values("keys", 'k', "KEY", "print only these keys, first found breadth-first; *KEY for all"),
                Option.flag("collate", 'c', "rebuild contexts from their messages; print each once"),
                Option.value("collate-timeout", (char) 0, "DURATION", "give out a context quiet this long as incomplete (default 5m)"),
                Option.value("collate-max", (char) 0, "N", "most contexts collated at once (default 100000)"),
                Option.value("collate-max-bytes", (char) 0, "SIZE", "most bytes (estimated) they hold at once (default 128MiB)"),
                Option.value("reorder-window", (char) 0, "DURATION", "hold a finished context with gaps this long for them to fill (default 2s)"),
                Option.flag("pretty", 'p', "indent the JSON"),
                Option.flag("verbose", 'v', "wrap each event with its routing key, headers and position"),
                Option.value("max", (char) 0, "N", "stop after printing N documents"),
                Option.value("duration", (char) 0, "DURATION", "stop after this long, e.g. 30s (with -c, open contexts are printed)"),
                Option.flag("help", 'h', "show this help"));
    }

    @Override
    public String epilog() {
        StringBuilder sb = new StringBuilder();
        sb.append("""
                Examples:
                  ./telltale monitor                                 every event in telltale-out/events.jsonl
                  ./telltale monitor -f -r 'shop.#'                  follow the file, only routing keys under shop
                  ./telltale monitor -c -k elapsed '*status'         collated contexts: elapsed, every status
                  ./telltale monitor -v > saved.jsonl; ./telltale monitor -s -c < saved.jsonl

                Exit status: 0 done; 1 failed (the backend could not be opened or read); 2 bad command line;
                3 done, but malformed input was skipped (each one reported on standard error).

                Flags that set a backend's subscription options (the backend checks them; several values
                are joined with commas):
                %s

                Subscription options of the backends present (--option NAME=VALUE, NAME in full or its last word):
                """.formatted(BackendFlags.describe().stripTrailing()));
        for (Backend backend : BackendSources.present()) {
            sb.append("  ").append(backend.name()).append(":\n");
            List<ConfigKey> keys = backend.subscriptionOptions();
            if (keys.isEmpty()) {
                sb.append("    (none)\n");
            }
            for (ConfigKey key : keys) {
                sb.append(String.format("    %-26s default %-8s %s%n", key.name(),
                        key.defaultValue().isEmpty() ? "(empty)" : key.defaultValue(), key.description()));
            }
        }
        return sb.toString();
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        if (!args.positional().isEmpty()) {
            throw new UsageException("unexpected argument '" + args.positional().get(0) + "'");
        }
        KeyExtractor keys = args.has("keys") ? keys(args.values("keys")) : null;
        long max = args.has("max") ? positive("--max", args.value("max", null)) : Long.MAX_VALUE;
        MonitorOutput output = new MonitorOutput(out, args.has("pretty"), args.has("verbose"), keys);
        MonitorOptions options = options(args, malformed -> report(malformed, output, err));
        MonitorStream<?> stream;
        try {
            stream = args.has("collate") ? Monitor.objects(options) : Monitor.messages(options);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            err.println("telltale monitor: cannot read the " + backendName(args) + ": " + describe(e));
            return 1;
        }
        try (stream) {
            long printed = 0;
            while (printed < max && !output.broken()) {
                Object item = stream.poll(TICK);
                if (item != null) {
                    printed += output.print(item) ? 1 : 0;
                } else {
                    output.flush();
                    if (stream.ended()) {
                        break;
                    }
                }
            }
            output.flush();
        } catch (IOException e) {
            try {
                output.flush();
            } catch (IOException again) {
                // the output's own failure: the input's is the one to report
            }
            err.println("telltale monitor: " + describe(e));
            return 1;
        } finally {
            output.close();
        }
        MonitorCounts counts = stream.counts();
        String summary = summary(counts);
        if (!summary.isEmpty()) {
            err.println("telltale monitor: " + summary);
        }
        return counts.malformed() > 0 ? SKIPPED : 0;
    }

    private static void report(MalformedInput malformed, MonitorOutput output, PrintStream err) {
        try {
            output.flush(); // so that the report follows what was printed before it
        } catch (IOException e) {
            // the output's own failure shows when it is next written
        }
        err.println("telltale monitor: skipped " + malformed);
    }

    /** The monitor's options from the command line. */
    static MonitorOptions options(Args args, Consumer<MalformedInput> onMalformed) throws UsageException {
        MonitorOptions.Builder b = MonitorOptions.builder().onMalformed(onMalformed);
        if (args.has("stdin")) {
            for (String excluded : List.of("backend", "file", "kafka-bootstrap", "amqp-uri", "set", "option")) {
                if (args.has(excluded)) {
                    throw new UsageException("--stdin reads standard input; --" + excluded + " cannot be used with it");
                }
            }
            String flag = BackendFlags.anyGiven(args);
            if (flag != null) {
                throw new UsageException("--stdin reads standard input; --" + flag + " cannot be used with it");
            }
            b.input(System.in, "stdin");
        } else {
            backend(args, b);
        }
        try {
            b.patterns(args.values("rkey"));
            if (args.has("collate-timeout")) {
                b.collateTimeout(ConfigValues.duration(args.value("collate-timeout", null)));
            }
            if (args.has("collate-max")) {
                b.maxLiveObjects(ConfigValues.integer(args.value("collate-max", null)));
            }
            if (args.has("collate-max-bytes")) {
                b.maxLiveBytes(ConfigValues.size(args.value("collate-max-bytes", null)));
            }
            if (args.has("reorder-window")) {
                b.reorderWindow(ConfigValues.duration(args.value("reorder-window", null)));
            }
            if (args.has("duration")) {
                b.duration(ConfigValues.duration(args.value("duration", null)));
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        return b.build();
    }

    /** The flags that name one backend's connection, and the setting each one stands for. */
    private static final List<String[]> CONNECTION_FLAGS = List.of(
            new String[] {"file", "file", "telltale.file.path"},
            new String[] {"kafka-bootstrap", "kafka", "telltale.kafka.bootstrap.servers"},
            new String[] {"amqp-uri", "amqp", "telltale.amqp.uri"});

    private static void backend(Args args, MonitorOptions.Builder b) throws UsageException {
        String backend = args.value("backend", null);
        for (String[] flag : CONNECTION_FLAGS) {
            if (args.has(flag[0])) {
                if (backend != null && !backend.equals(flag[1])) {
                    throw new UsageException("--" + flag[0] + " belongs to the " + flag[1]
                            + " backend; it cannot be used with --backend " + backend);
                }
                backend = flag[1];
            }
        }
        b.backend(backend);
        for (Map.Entry<String, String> setting : pairs("--set", args.values("set")).entrySet()) {
            b.set(setting.getKey(), setting.getValue());
        }
        for (String[] flag : CONNECTION_FLAGS) {
            if (args.has(flag[0])) {
                b.set(flag[2], args.value(flag[0], null));
            }
        }
        Map<String, String> options = new LinkedHashMap<>(BackendFlags.options(args));
        for (Map.Entry<String, String> option : pairs("--option", args.values("option")).entrySet()) {
            String previous = options.put(option.getKey(), option.getValue());
            if (previous != null && !previous.equals(option.getValue())) {
                throw new UsageException("option " + option.getKey() + " is set twice: " + previous + " and "
                        + option.getValue());
            }
        }
        options.forEach(b::option);
    }

    private static Map<String, String> pairs(String flag, List<String> pairs) throws UsageException {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException(flag + " takes NAME=VALUE, not '" + pair + "'");
            }
            map.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return map;
    }

    private static KeyExtractor keys(List<String> keys) throws UsageException {
        try {
            return KeyExtractor.of(keys);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--keys: " + e.getMessage());
        }
    }

    private static long positive(String flag, String text) throws UsageException {
        try {
            long n = Long.parseLong(text.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + " must be a whole number of at least 1, not '" + text + "'");
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    private static String backendName(Args args) {
        String name = args.value("backend", null);
        for (String[] flag : CONNECTION_FLAGS) {
            if (args.has(flag[0])) {
                name = flag[1];
            }
        }
        return name == null ? "configured backend" : name + " backend";
    }

    /** What was left out, for one line on standard error; empty when nothing was. */
    static String summary(MonitorCounts c) {
        List<String> parts = new ArrayList<>();
        if (c.malformed() > 0) {
            parts.add(c.malformed() + " malformed " + (c.malformed() == 1 ? "input" : "inputs") + " skipped");
        }
        if (c.duplicates() > 0) {
            parts.add(c.duplicates() + " duplicate " + (c.duplicates() == 1 ? "message" : "messages") + " dropped");
        }
        if (c.late() > 0) {
            parts.add(c.late() + " late " + (c.late() == 1 ? "message" : "messages")
                    + " for contexts already printed dropped");
        }
        if (c.ignored() > 0) {
            parts.add(c.ignored() + (c.ignored() == 1 ? " event" : " events") + " not collated (not context.*)");
        }
        return String.join(", ", parts);
    }
}
