package dev.telltale.cli;

import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import dev.telltale.core.internal.config.Values;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/** {@code ./telltale demo}: runs the sample shop for a while and shows where its events went. */
final class DemoCommand implements Command {

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "run a sample service that emits events through the pipeline, then show where they went";
    }

    @Override
    public String description() {
        return """
                Runs a small simulated web shop in this JVM for a bounded time. Each request is a
                context (an object that broadcasts its own life) whose fields record its database
                query, order and payment as it goes, its status is a long-lived context and each
                second's settlement a transient one; all of it goes
                through Telltale's queue and publisher thread to a backend (the file backend by
                default), while a JFR recording captures Telltale's own events. The demo reads its
                events back through the backend's consuming side as they arrive, and at the end prints
                what was published, what was dropped and why, what arrived, and the commands to look
                at it all.""";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.value("duration", 'd', "DURATION", "how long to run, e.g. 30s or 2m (default 10s)"),
                Option.value("backend", 'b', "NAME", "the backend to publish to: file (default), amqp, kafka"),
                Option.value("out", 'o', "DIR", "where the file backend's files and the JFR recording go (default telltale-out)"),
                Option.value("rate", 'r', "N", "requests per second the shop handles (default 500)"),
                Option.value("kafka-bootstrap", (char) 0, "HOST:PORT", "the Kafka brokers (telltale.kafka.bootstrap.servers)"),
                ClientLogging.OPTION,
                Option.value("amqp-uri", (char) 0, "URI", "the RabbitMQ broker (telltale.amqp.uri)"),
                Option.values("set", 's', "KEY=VALUE", "any telltale.* setting, e.g. --set telltale.queue.capacity=1024"),
                Option.flag("no-jfr", (char) 0, "do not record with JFR"),
                Option.flag("help", 'h', "show this help"));
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        Duration duration = parse("--duration", args.value("duration", "10s"), Values::duration);
        int rate = parse("--rate", args.value("rate", "500"), Values::integer);
        if (rate < 1 || rate > 1_000_000) {
            throw new UsageException("--rate must be between 1 and 1000000: " + rate);
        }
        String backend = args.value("backend", "file");
        Path outDir = Path.of(args.value("out", "telltale-out"));
        Map<String, String> settings = settings(args.values("set"));
        if (args.has("kafka-bootstrap")) {
            settings.put("telltale.kafka.bootstrap.servers", args.value("kafka-bootstrap", null));
        }
        if (args.has("amqp-uri")) {
            settings.put("telltale.amqp.uri", args.value("amqp-uri", null));
        }
        Path events = null;
        if (backend.equals("file")) {
            events = Path.of(settings.computeIfAbsent("telltale.file.path", k -> outDir.resolve("events.jsonl").toString()));
        }
        Map<String, String> pipelineSettings = new LinkedHashMap<>(settings);
        pipelineSettings.putIfAbsent("telltale.health.interval", "2s");
        Files.createDirectories(outDir);
        Path jfrFile = outDir.resolve("telltale.jfr");
        removePreviousRun(events, jfrFile, out);

        Telltale.Builder builder = Telltale.builder().backend(backend);
        pipelineSettings.forEach(builder::set);
        DemoReadBack readBack = openReadBack(backend, settings, out);
        Telltale telltale;
        try {
            telltale = builder.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Recording recording = args.has("no-jfr") ? null : startRecording(jfrFile);
        out.printf("Telltale demo: a sample shop handling ~%d requests/s for %s, publishing to the %s backend%s%n",
                rate, human(duration), backend, events == null ? "" : " (" + events + ")");
        if (recording != null) {
            out.println("Recording with JFR to " + jfrFile);
        }
        long started = System.nanoTime();
        DemoShop shop = new DemoShop(telltale, rate);
        shop.start();
        Progress progress = new Progress(out, System.console() != null);
        long end = started + duration.toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            progress.show(System.nanoTime() - started, duration, shop, telltale.stats());
        }
        shop.close();
        telltale.close();
        progress.done();
        if (recording != null) {
            recording.stop();
            recording.close();
        }
        PipelineStats stats = telltale.stats();
        long arrived = -1;
        if (readBack != null) {
            try (readBack) {
                arrived = readBack.await(stats.published(), Duration.ofSeconds(10));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return summarize(out, err, new Run(backend, shop.requests(), seconds, stats, readBack, arrived, events,
                recording == null ? null : jfrFile, settings));
    }

    private static DemoReadBack openReadBack(String backend, Map<String, String> settings, PrintStream out)
            throws UsageException {
        try {
            return DemoReadBack.open(backend, settings);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (Exception e) {
            out.println("Cannot read events back through the " + backend + " backend (" + e.getMessage()
                    + "); the summary will show the pipeline's own counts.");
            return null;
        }
    }

    /** What a finished run left, for the summary. */
    private record Run(String backend, long requests, double seconds, PipelineStats stats, DemoReadBack readBack,
            long arrived, Path events, Path jfrFile, Map<String, String> settings) {}

    private static int summarize(PrintStream out, PrintStream err, Run run) throws IOException {
        PipelineStats stats = run.stats();
        out.printf("%nThe shop handled %,d requests in %.1f s.%n", run.requests(), run.seconds());
        out.printf("Telltale published %,d of %,d events offered (including its own telltale.health reports).%n",
                stats.published(), stats.offered());
        if (stats.dropped() == 0) {
            out.println("Dropped: 0.");
        } else {
            out.printf("Dropped: %,d (queue-full %,d, too-large %,d, backend-error %,d, shutdown %,d).%n", stats.dropped(),
                    stats.droppedQueueFull(), stats.droppedTooLarge(), stats.droppedBackendError(), stats.droppedShutdown());
            out.println(whyDropped(stats));
        }
        int status = 0;
        DemoReadBack readBack = run.readBack();
        if (readBack != null) {
            out.printf("%nEvents by kind, read back through the %s backend's consuming side:%n", run.backend());
            readBack.byKind().forEach((kind, n) -> out.printf("  %-24s %,9d%n", kind, n));
            if (readBack.malformed() > 0) {
                out.printf("  %-24s %,9d%n", "(malformed)", readBack.malformed());
            }
            if (readBack.duplicates() > 0) {
                out.printf("  %-24s %,9d  (the same source and seq again: delivery is at least once)%n", "(duplicates)",
                        readBack.duplicates());
            }
            if (run.arrived() < stats.published()) {
                err.printf("telltale demo: %,d events published but %,d read back%s%n", stats.published(), run.arrived(),
                        readBack.failure() == null ? "" : " (" + readBack.failure() + ")");
                status = 1;
            } else if (run.arrived() > stats.published()) {
                out.printf("  %,d more arrived than were counted as published: a record reported as failed"
                        + " (and counted as dropped) was written after all%n", run.arrived() - stats.published());
            }
        }
        boolean jfr = run.jfrFile() != null && Files.exists(run.jfrFile());
        if (run.events() != null || jfr) {
            out.printf("%nFiles:%n");
        }
        if (run.events() != null) {
            for (Path file : files(run.events())) {
                out.printf("  %s  (%,d bytes)%n", file, Files.size(file));
            }
        }
        if (jfr) {
            out.printf("  %s  (%,d bytes, JFR)%n", run.jfrFile(), Files.size(run.jfrFile()));
        }
        out.printf("%nLook at them:%n");
        lookAt(out, run);
        return status;
    }

    private static void lookAt(PrintStream out, Run run) {
        Path events = run.events();
        if (events != null) {
            out.printf("  head -n 3 %s%n", events);
            out.printf("  jq -c 'select(.kind == \"context.log\") | .fields.message' %s%n", events);
            out.printf("  jq -c 'select(.source == \"req-1\")' %s%n", events);
            out.printf("  ./telltale monitor --file %s -c -p --max 3%n", events);
        } else if (run.backend().equals("kafka")) {
            String bootstrap = run.settings().getOrDefault("telltale.kafka.bootstrap.servers", "127.0.0.1:9092");
            out.printf("  ./telltale monitor --backend kafka --kafka-bootstrap %s --from earliest -c -p --max 3%n", bootstrap);
            out.printf("  ./telltale monitor --backend kafka --kafka-bootstrap %s -c    (live, during another run)%n", bootstrap);
        } else {
            out.printf("  ./telltale monitor --backend %s -c -p    (live: start it, then run the demo again)%n", run.backend());
        }
        if (run.jfrFile() != null) {
            out.printf("  jfr print --events 'dev.telltale.*' %s | less%n", run.jfrFile());
            out.printf("  jfr summary %s%n", run.jfrFile());
            out.println("  or open it in JDK Mission Control (Event Browser > Telltale)");
        }
    }

    private static String whyDropped(PipelineStats stats) {
        List<String> why = new ArrayList<>();
        if (stats.droppedQueueFull() > 0) {
            why.add("queue-full: events arrived faster than the backend took them and the oldest were dropped;"
                    + " raise telltale.queue.capacity or lower --rate");
        }
        if (stats.droppedBackendError() > 0) {
            why.add("backend-error: the backend failed (see the warning above)");
        }
        if (stats.droppedTooLarge() > 0) {
            why.add("too-large: events larger than telltale.event.max-bytes or the backend's limit");
        }
        if (stats.droppedShutdown() > 0) {
            why.add("shutdown: still queued when telltale.flush.timeout ran out at the end");
        }
        return "  " + String.join("\n  ", why);
    }

    private static List<Path> files(Path events) throws IOException {
        List<Path> files = new ArrayList<>();
        Path dir = events.toAbsolutePath().getParent();
        String name = events.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, stem + "*")) {
            for (Path p : stream) {
                files.add(events.resolveSibling(p.getFileName()));
            }
        }
        files.sort(null);
        return files;
    }

    private static void removePreviousRun(Path events, Path jfrFile, PrintStream out) throws IOException {
        List<Path> old = new ArrayList<>();
        if (events != null && Files.isDirectory(events.toAbsolutePath().getParent())) {
            old.addAll(files(events));
        }
        if (Files.exists(jfrFile)) {
            old.add(jfrFile);
        }
        for (Path p : old) {
            Files.delete(p);
        }
        if (!old.isEmpty()) {
            out.println("Removed the previous demo's output: " + old);
        }
    }

    private static Recording startRecording(Path file) throws IOException, ParseException {
        Recording recording = new Recording(Configuration.getConfiguration("default"));
        recording.setName("telltale-demo");
        for (String event : List.of("dev.telltale.Event", "dev.telltale.PipelineHealth", "dev.telltale.BackendFailure",
                "dev.telltale.ContextFinished")) {
            recording.enable(event);
        }
        recording.setToDisk(true);
        recording.setDestination(file);
        recording.start();
        return recording;
    }

    private static Map<String, String> settings(List<String> pairs) throws UsageException {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--set takes KEY=VALUE, not '" + pair + "'");
            }
            map.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return map;
    }

    private interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parse(String option, String text, Parser<T> parser) throws UsageException {
        try {
            return parser.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** The one-line progress report, rewritten in place on a terminal, a line a second elsewhere. */
    private static final class Progress {
        private final PrintStream out;
        private final boolean terminal;
        private long lastOffered;
        private long lastNanos;

        Progress(PrintStream out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        void show(long elapsedNanos, Duration total, DemoShop shop, PipelineStats stats) {
            long offered = stats.offered();
            double rate = (offered - lastOffered) / Math.max(1e-3, (elapsedNanos - lastNanos) / 1e9);
            lastOffered = offered;
            lastNanos = elapsedNanos;
            String line = String.format("  %3ds/%ds  requests %,d  events %,d (%,.0f/s)  published %,d  queued %,d  dropped %,d",
                    Math.round(elapsedNanos / 1e9), total.toSeconds(), shop.requests(), offered, rate, stats.published(),
                    stats.queueDepth(), stats.dropped());
            if (terminal) {
                out.print("\r" + line + "   ");
            } else {
                out.println(line);
            }
            out.flush();
        }

        void done() {
            if (terminal) {
                out.println();
            }
        }
    }
}
