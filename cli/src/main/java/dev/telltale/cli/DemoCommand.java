package dev.telltale.cli;

import dev.telltale.PipelineStats;
import dev.telltale.Telltale;
import dev.telltale.spi.Backend;
import dev.telltale.tool.BackendSources;
import dev.telltale.tool.ConfigValues;
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

    private final DemoReadBackLink.Opener opener;

    DemoCommand() {
        this(DemoReadBack::open);
    }

    /** A demo whose read-back is opened by {@code opener}; for tests. */
    DemoCommand(DemoReadBackLink.Opener opener) {
        this.opener = opener;
    }

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
                second's settlement a transient one. A quarter into the run, a probe on its payment
                gateway (wrapped with a probe proxy) gets a timer, a counter and a log of the large
                charges for half the run, so its probe.* events show it attaching, reporting and
                expiring. From the start, a timer is attached by name to demoshop.Checkout#total, a
                plain method no proxy wraps, through Telltale's agent, which the demo loads into its
                own JVM (or says why it cannot). Its worker pool and clock loop are watched: in a run of 5 s or more, one
                deliberately slow task and one short hang of the clock leave loop.slow-task events,
                lag figures and one set of three thread dumps in <out>/hangs. The shop also saves two
                crash snapshots to <out>/snapshots: a refund it catches and saves on purpose, and a
                settlement worker's exception that nobody catches, saved by the uncaught-exception
                handler. Beside the shop, two small HTTP services (shop-web and pricing, on loopback)
                call each other ten times a second, every request traced (--zipkin URL also sends
                the spans to Zipkin). All of it goes through Telltale's queue and publisher thread to a backend
                (the file backend by default), while a JFR recording captures Telltale's own events.
                The demo reads its events back through the backend's consuming side as they arrive
                (connecting beside the shop, which never waits for it), and at the end prints what
                was published, what was dropped and why, what the probe and the loop watch saw, what
                arrived, and the
                commands to look at it all.

                The backend and the events file come from --backend and --out (or --set), else from
                the system properties telltale.backend and telltale.file.path or the environment
                variables TELLTALE_BACKEND and TELLTALE_FILE_PATH, else the defaults; the demo says
                on start-up when they came from the environment or a flag overrode it.""";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.value("duration", 'd', "DURATION", "how long to run, e.g. 30s or 2m (default 10s)"),
                Option.value("backend", 'b', "NAME", "the backend to publish to: file (default), amqp, kafka, none"),
                Option.value("out", 'o', "DIR", "where the file backend's files and the JFR recording go (default telltale-out)"),
                Option.value("rate", 'r', "N", "requests per second the shop handles (default 500)"),
                Option.value("kafka-bootstrap", (char) 0, "HOST:PORT", "the Kafka brokers (telltale.kafka.bootstrap.servers)"),
                ClientLogging.OPTION,
                Option.value("amqp-uri", (char) 0, "URI", "the RabbitMQ broker (telltale.amqp.uri)"),
                Option.value("zipkin", (char) 0, "URL", "also report the spans to this Zipkin server (telltale.trace.zipkin.url)"),
                Option.values("set", 's', "KEY=VALUE", "any telltale.* setting, e.g. --set telltale.queue.capacity=1024"),
                Option.flag("no-jfr", (char) 0, "do not record with JFR"),
                Option.flag("help", 'h', "show this help"));
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        Duration duration = parse("--duration", args.value("duration", "10s"), ConfigValues::duration);
        int rate = parse("--rate", args.value("rate", "500"), ConfigValues::integer);
        if (rate < 1 || rate > 1_000_000) {
            throw new UsageException("--rate must be between 1 and 1000000: " + rate);
        }
        Path outDir = Path.of(args.value("out", "telltale-out"));
        Map<String, String> settings = settings(args.values("set"));
        if (args.has("kafka-bootstrap")) {
            settings.put("telltale.kafka.bootstrap.servers", args.value("kafka-bootstrap", null));
        }
        if (args.has("amqp-uri")) {
            settings.put("telltale.amqp.uri", args.value("amqp-uri", null));
        }
        if (args.has("zipkin")) {
            settings.put("telltale.trace.zipkin.url", args.value("zipkin", null));
        }
        Map<String, String> properties = telltaleProperties();
        Map<String, String> environment = System.getenv();
        DemoSetting chosen = args.has("backend")
                ? DemoSetting.resolve("--backend", args.value("backend", null), "telltale.backend", "file", properties, environment)
                : DemoSetting.resolve("--set telltale.backend", settings.get("telltale.backend"), "telltale.backend", "file",
                        properties, environment);
        String backend = chosen.value().strip();
        checkBackend(backend, chosen);
        settings.remove("telltale.backend");
        List<String> notes = new ArrayList<>();
        addNote(notes, chosen.note("the backend"));
        Path events = null;
        if (backend.equals("file")) {
            String given = settings.get("telltale.file.path");
            DemoSetting path = given != null
                    ? DemoSetting.resolve("--set telltale.file.path", given, "telltale.file.path", null, properties, environment)
                    : DemoSetting.resolve("--out", args.has("out") ? outDir.resolve("events.jsonl").toString() : null,
                            "telltale.file.path", outDir.resolve("events.jsonl").toString(), properties, environment);
            if (path.fromFlag()) {
                settings.put("telltale.file.path", path.value()); // else the pipeline reads it where the demo did
            }
            events = Path.of(path.value());
            addNote(notes, path.note("the events file"));
            String problem = cannotWrite(events);
            if (problem != null) {
                err.println("telltale demo: cannot write events to " + events + ": " + problem
                        + (path.fromFlag() ? "" : " (the path comes from " + path.origin() + ")"));
                return 1;
            }
        }
        Map<String, String> pipelineSettings = new LinkedHashMap<>(settings);
        pipelineSettings.putIfAbsent("telltale.health.interval", "2s");
        pipelineSettings.putIfAbsent(DemoProbes.REPORT_INTERVAL, DemoProbes.reportInterval(duration));
        DemoSnapshots.settings(outDir).forEach(pipelineSettings::putIfAbsent);
        DemoSpecs.settings(outDir).forEach(pipelineSettings::putIfAbsent);
        DemoWatch.settings(pipelineSettings, outDir);
        Path jfrFile = outDir.resolve("telltale.jfr");
        boolean jfr = !args.has("no-jfr");
        if (jfr) {
            Files.createDirectories(outDir);
        }
        removePreviousRun(events, jfrFile, out);

        Telltale.Builder builder = Telltale.builder();
        if (chosen.fromFlag()) {
            builder.backend(backend); // else the pipeline reads it where the demo did
        }
        pipelineSettings.forEach(builder::set);
        Telltale telltale;
        try {
            telltale = builder.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Recording recording = jfr ? startRecording(jfrFile) : null;
        out.printf("Telltale demo: a sample shop handling ~%d requests/s for %s, publishing to the %s backend%s%n",
                rate, human(duration), backend, events == null ? "" : " (" + events + ")");
        for (String note : notes) {
            out.println("  " + note);
        }
        if (recording != null) {
            out.println("Recording with JFR to " + jfrFile);
        }
        // the read-back connects beside the shop: a broker that does not answer must not hold it back
        DemoReadBackLink readBackLink = backend.equals("none") ? null
                : DemoReadBackLink.start(opener, backend, settings, () -> telltale.stats().offered(), out);
        long started = System.nanoTime();
        DemoProbes probes = new DemoProbes(telltale, duration);
        DemoAgent agent = new DemoAgent(telltale, duration);
        DemoWatch watch = new DemoWatch(telltale, duration, pipelineSettings);
        DemoShop shop = new DemoShop(telltale, rate, DemoSpecs.wrap(telltale, probes.wrap(new DemoAcmePay())), watch);
        probes.start();
        DemoSpecs specs = new DemoSpecs(outDir);
        specs.start();
        agent.start();
        shop.start();
        DemoSnapshots snapshots = new DemoSnapshots(telltale,
                Path.of(pipelineSettings.get("telltale.snapshot.dir")));
        DemoBeside beside = DemoBeside.start(telltale, snapshots);
        Progress progress = new Progress(out, System.console() != null);
        long end = started + duration.toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            progress.show(System.nanoTime() - started, duration, shop, telltale.stats());
        }
        shop.close();
        DemoTracing tracing = beside.tracing(Duration.ofSeconds(60));
        if (tracing != null) {
            tracing.close();
        }
        probes.close();
        agent.close();
        telltale.close();
        progress.done();
        if (recording != null) {
            recording.stop();
            recording.close();
        }
        PipelineStats stats = telltale.stats();
        DemoReadBackLink.Result readBack = readBackLink == null ? null : readBackLink.finish(stats);
        double seconds = (System.nanoTime() - started) / 1e9;
        DemoReadBack probeEvents = readBack == null ? null : readBack.readBack();
        List<String> probeLines = new ArrayList<>(probes.summary(probeEvents == null ? null : probeEvents.probes()));
        probeLines.add(agent.summary(probeEvents == null ? null : probeEvents.agentProbe()));
        probeLines.add(specs.summary());
        probeLines.addAll(watch.summary(probeEvents == null ? null : probeEvents.loops()));
        if (tracing != null) {
            probeLines.addAll(tracing.summary(events, recording == null ? null : jfrFile, settings.get("telltale.trace.zipkin.url")));
        } else {
            probeLines.add("Tracing: the HTTP services and the snapshots did not run: " + beside.problem());
        }
        return summarize(out, err, new Run(backend, shop.requests(), seconds, stats, probeLines, readBack, events,
                recording == null ? null : jfrFile, settings, snapshots.summary()));
    }

    private static void checkBackend(String backend, DemoSetting chosen) throws UsageException {
        List<String> available = BackendSources.present().stream().map(Backend::name).toList();
        if (backend.equals("none") || available.contains(backend)) {
            return;
        }
        throw new UsageException("unknown backend '" + backend + "' (" + chosen.origin() + "); available: "
                + (available.isEmpty() ? "none (put telltale-backend-file or another backend on the class path)"
                        : String.join(", ", available) + ", or none for JFR only"));
    }

    private static void addNote(List<String> notes, String note) {
        if (note != null) {
            notes.add(note);
        }
    }

    /** The {@code telltale.*} system properties. */
    private static Map<String, String> telltaleProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        java.util.Properties props = System.getProperties();
        for (String name : props.stringPropertyNames()) {
            if (name.startsWith("telltale.")) {
                out.put(name, props.getProperty(name));
            }
        }
        return out;
    }

    /** Why events cannot be written to {@code events} (its directory cannot be made), or null. */
    private static String cannotWrite(Path events) {
        Path dir = events.toAbsolutePath().getParent();
        if (dir == null || Files.isDirectory(dir)) {
            return null;
        }
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                return p + " is not a directory";
            }
        }
        try {
            Files.createDirectories(dir);
            return null;
        } catch (IOException e) {
            return "cannot create its directory " + dir + " (" + e + ")";
        }
    }

    /** What a finished run left, for the summary. */
    private record Run(String backend, long requests, double seconds, PipelineStats stats, List<String> probes,
            DemoReadBackLink.Result readBack, Path events, Path jfrFile, Map<String, String> settings,
            List<String> snapshots) {}

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
        out.println();
        run.probes().forEach(out::println);
        out.println();
        run.snapshots().forEach(out::println);
        int status = 0;
        DemoReadBackLink.Result result = run.readBack();
        DemoReadBack readBack = result == null ? null : result.readBack();
        if (result != null && readBack == null && result.failure() == null) {
            out.printf("%nThe read-back through the %s backend had not connected by the end (does the broker answer?);"
                    + " the counts above are the pipeline's own.%n", run.backend());
        }
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
            long arrived = result.arrived();
            if (arrived < stats.published() && arrived >= stats.published() - result.missable()) {
                out.printf("  %,d of %,d published events read back: the read-back subscribed after %,d events had"
                        + " been offered, and the %s backend delivers only what is published after that%n", arrived,
                        stats.published(), result.missable(), run.backend());
            } else if (arrived < stats.published()) {
                err.printf("telltale demo: %,d events published but %,d read back%s%n", stats.published(), arrived,
                        readBack.failure() == null ? "" : " (" + readBack.failure() + ")");
                status = 1;
            } else if (arrived > stats.published()) {
                out.printf("  %,d more arrived than were counted as published: a record reported as failed"
                        + " (and counted as dropped) was written after all%n", arrived - stats.published());
            }
        }
        boolean jfr = run.jfrFile() != null && Files.exists(run.jfrFile());
        if (run.events() != null || jfr) {
            out.printf("%nFiles:%n");
        }
        if (run.events() != null) {
            List<Path> files = files(run.events());
            if (files.isEmpty()) {
                out.printf("  none at %s: no events were written there%n", run.events());
            }
            for (Path file : files) {
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
            out.printf("  jq -c 'select(.kind | startswith(\"probe.\") and . != \"probe.log\") | {time, kind, fields}' %s%n",
                    events);
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

    /** The events file and its rotations; none when its directory is not (or no longer) one. */
    private static List<Path> files(Path events) throws IOException {
        List<Path> files = new ArrayList<>();
        Path dir = events.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return files;
        }
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
        if (events != null) {
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
                "dev.telltale.ContextFinished", "dev.telltale.ProbeMetric", "dev.telltale.SlowTask", "dev.telltale.Hang",
                "dev.telltale.LoopLag", "dev.telltale.Span")) {
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
