package dev.telltale.core.internal.config;

import static dev.telltale.spi.ConfigKey.Type.BOOLEAN;
import static dev.telltale.spi.ConfigKey.Type.DURATION;
import static dev.telltale.spi.ConfigKey.Type.INTEGER;
import static dev.telltale.spi.ConfigKey.Type.SIZE;
import static dev.telltale.spi.ConfigKey.Type.STRING;

import dev.telltale.spi.ConfigKey;
import java.util.List;

/**
 * The pipeline's own configuration keys: the first rows of the README's configuration table. Their
 * ranges are checked when the configuration is loaded; {@link
 * dev.telltale.core.internal.pipeline.PipelineSettings} checks what involves two keys.
 */
public final class CoreKeys {

    public static final ConfigKey ENABLED = new ConfigKey("telltale.enabled", BOOLEAN, "true",
            "false turns Telltale off: the global pipeline discards every event without queueing it");
    public static final ConfigKey BACKEND = new ConfigKey("telltale.backend", STRING, "",
            "the backend: file, amqp, kafka, or none for JFR only; empty picks file when present, else the only backend found, else none");
    public static final ConfigKey QUEUE_CAPACITY = new ConfigKey("telltale.queue.capacity", INTEGER, "8192",
            "queue capacity in events; when full, the oldest event is dropped (queue-full)").between("1", "1073741824");
    public static final ConfigKey QUEUE_MAX_BYTES = new ConfigKey("telltale.queue.max-bytes", SIZE, "16MiB",
            "queue capacity in estimated encoded bytes; when exceeded, the oldest events are dropped (queue-full)").atLeast("1KiB");
    public static final ConfigKey BATCH_SIZE = new ConfigKey("telltale.batch.size", INTEGER, "1024",
            "most events handed to the backend at once; a full batch, or half a queue, is handed on without waiting for the flush interval. Unset, a backend may prefer more: amqp 4096, kafka 8192").between("1", "1048576");
    public static final ConfigKey FLUSH_INTERVAL = new ConfigKey("telltale.flush.interval", DURATION, "1s",
            "the longest an event waits in the queue before it is handed to the backend").atLeast("1ms");
    public static final ConfigKey FLUSH_TIMEOUT = new ConfigKey("telltale.flush.timeout", DURATION, "2s",
            "how long close() and the shutdown hook may spend publishing what is queued; the rest is dropped (shutdown)");
    public static final ConfigKey HEALTH_INTERVAL = new ConfigKey("telltale.health.interval", DURATION, "10s",
            "how often a telltale.health event (and JFR dev.telltale.PipelineHealth) reports the counts; 0 turns it off");
    public static final ConfigKey RETRY_ATTEMPTS = new ConfigKey("telltale.retry.attempts", INTEGER, "3",
            "attempts to publish one batch before it is dropped (backend-error)").between("1", "1000");
    public static final ConfigKey RETRY_BACKOFF = new ConfigKey("telltale.retry.backoff", DURATION, "100ms",
            "the first wait after a backend failure; each further consecutive failure doubles it");
    public static final ConfigKey RETRY_MAX_BACKOFF = new ConfigKey("telltale.retry.max-backoff", DURATION, "5s",
            "the longest wait between attempts while the backend keeps failing");
    public static final ConfigKey EVENT_MAX_BYTES = new ConfigKey("telltale.event.max-bytes", SIZE, "1MiB",
            "largest encoded event; bigger field values are cut to fit, with a marker").between("1KiB", "2147483583");
    public static final ConfigKey VALUE_MAX_DEPTH = new ConfigKey("telltale.value.max-depth", INTEGER, "16",
            "deepest nesting of a field value; deeper containers become a {\"$cut\":\"depth\"} marker").between("1", "256");
    public static final ConfigKey VALUE_MAX_CHARS = new ConfigKey("telltale.value.max-chars", INTEGER, "16384",
            "longest string value; longer ones are cut with a marker").atLeast("16");
    public static final ConfigKey VALUE_MAX_ITEMS = new ConfigKey("telltale.value.max-items", INTEGER, "1000",
            "most elements encoded per collection, map or array; the rest are counted in an $omitted marker").atLeast("1");
    public static final ConfigKey JFR = new ConfigKey("telltale.jfr", BOOLEAN, "true",
            "also record each event as JFR dev.telltale.Event while a recording enables it");
    public static final ConfigKey JFR_FIELDS = new ConfigKey("telltale.jfr.fields", BOOLEAN, "false",
            "also put each event's fields, as JSON, into JFR dev.telltale.Event; they are encoded on the emitting thread, which then costs a few hundred nanoseconds and bytes more per event while a recording runs");
    public static final ConfigKey PROBE_REPORT_INTERVAL = new ConfigKey("telltale.probe.report-interval", DURATION, "10s",
            "how often each metric instrument of a probe (counter, histogram, timer, custom) publishes a probe.metric event and JFR dev.telltale.ProbeMetric").atLeast("10ms");
    public static final ConfigKey PROBE_MANAGER_STORE = new ConfigKey("telltale.probe.manager.store", STRING, "",
            "the spec store a probe manager applies specs from when the engine starts: memory:NAME, file:PATH, kafka:BOOTSTRAP or amqp:URI (see docs/SPECS.md); empty runs no manager");
    public static final ConfigKey PROBE_MANAGER_INTERVAL = new ConfigKey("telltale.probe.manager.interval", DURATION, "5s",
            "how often the probe manager reads the store and reconciles the probes with its specs").atLeast("10ms");
    public static final ConfigKey PROBE_MANAGER_TIMEOUT = new ConfigKey("telltale.probe.manager.timeout", DURATION, "10s",
            "the longest one call to the spec store may block; an unreachable store is retried with backoff").atLeast("1ms");
    public static final ConfigKey PROBE_MANAGER_TARGETS = new ConfigKey("telltale.probe.manager.targets", STRING, "*",
            "comma-separated targets specs may name: a class name, a package prefix ending in .* (com.acme.*), handle:NAME, handle:* or * for all; telltale.probe.manager.deny is refused even when listed");
    public static final ConfigKey PROBE_MANAGER_DENY = new ConfigKey("telltale.probe.manager.deny", STRING, "java.,jdk.,sun.,com.sun.,dev.telltale.",
            "comma-separated class-name prefixes no spec may target, whatever telltale.probe.manager.targets allows");
    public static final ConfigKey PROBE_MANAGER_TYPES = new ConfigKey("telltale.probe.manager.types", STRING, "log,counter,histogram,timer",
            "comma-separated instrument types specs may use; a custom type must also be registered (Probes.register or ServiceLoader)");
    public static final ConfigKey PROBE_MANAGER_MAX_LIFESPAN = new ConfigKey("telltale.probe.manager.max-lifespan", DURATION, "24h",
            "the longest lifespan a spec may have; a spec asking for more fails").atLeast("1s");
    public static final ConfigKey PROBE_MANAGER_SERVICE = new ConfigKey("telltale.probe.manager.service", STRING, "",
            "service name in this process's id in the specs' applied statuses (SERVICE@HOST:PID); empty: telltale.trace.service, else HOST:PID alone");
    public static final ConfigKey AGENT_REWRITER = new ConfigKey("telltale.agent.rewriter", STRING, "auto",
            "how the Telltale agent rewrites methods: auto (java.lang.classfile on JDK 24+, shaded ASM before), classfile or asm; read from the JVM's system properties or environment when the agent starts");
    public static final ConfigKey AGENT_JAR = new ConfigKey("telltale.agent.jar", STRING, "",
            "path of telltale-agent.jar, which a probe naming a method (\"com.acme.Orders#checkout\") loads into this JVM when it was started without -javaagent; empty: a telltale-agent*.jar on the class path. Read from system properties, the environment and telltale.properties only");
    public static final ConfigKey SNAPSHOT_DIR = new ConfigKey("telltale.snapshot.dir", STRING, "telltale-out/snapshots",
            "directory crash snapshots are saved in (made when needed)");
    public static final ConfigKey SNAPSHOT_DEPTH = new ConfigKey("telltale.snapshot.depth", INTEGER, "3",
            "how deep a snapshot reads each value: 0 keeps only its type and toString(), -1 reads as deep as 200 levels").between("-1", "200");
    public static final ConfigKey SNAPSHOT_MAX_CHARS = new ConfigKey("telltale.snapshot.max-chars", INTEGER, "1024",
            "longest string (or toString()) kept of a value in a snapshot; longer ones are cut with a marker").atLeast("16");
    public static final ConfigKey SNAPSHOT_MAX_ITEMS = new ConfigKey("telltale.snapshot.max-items", INTEGER, "100",
            "most elements kept of a collection, map or array in a snapshot; the rest are counted").atLeast("1");
    public static final ConfigKey SNAPSHOT_MAX_BYTES = new ConfigKey("telltale.snapshot.max-bytes", SIZE, "256KiB",
            "budget for the values of one snapshot (estimated encoded size); past it values become {\"$cut\":\"size\"} markers, the exception and its frames are always kept").atLeast("1KiB");
    public static final ConfigKey SNAPSHOT_REDACT = new ConfigKey("telltale.snapshot.redact", STRING,
            "password,passwd,secret,token,authorization,apikey,credential",
            "names whose values a snapshot replaces by a marker: a field, map key, argument or local is redacted when its name, lower-cased and without - and _, contains one of these");
    public static final ConfigKey SNAPSHOT_APP_PACKAGES = new ConfigKey("telltale.snapshot.app-packages", STRING, "",
            "comma-separated package prefixes of the application's own classes (in-app frames, which get source lines); empty: every class outside the JDK and Telltale's core");
    public static final ConfigKey SNAPSHOT_PROPERTIES = new ConfigKey("telltale.snapshot.properties", STRING,
            "java.version,java.vendor,java.vm.name,java.vm.version,os.name,os.arch,os.version,user.dir,file.encoding",
            "comma-separated system properties recorded in each snapshot");
    public static final ConfigKey SNAPSHOT_GZIP = new ConfigKey("telltale.snapshot.gzip", BOOLEAN, "false",
            "write snapshots gzip-compressed (.json.gz)");
    public static final ConfigKey SNAPSHOT_SOURCE = new ConfigKey("telltale.snapshot.source", BOOLEAN, "true",
            "record the source lines around each in-app frame, from telltale.snapshot.source-roots or -sources.jar files on the class path");
    public static final ConfigKey SNAPSHOT_SOURCE_ROOTS = new ConfigKey("telltale.snapshot.source-roots", STRING, "",
            "comma-separated directories that hold source files by package (src/main/java, say), searched before -sources.jar files");
    public static final ConfigKey SNAPSHOT_SOURCE_CONTEXT = new ConfigKey("telltale.snapshot.source-context", INTEGER, "3",
            "source lines recorded before and after each in-app frame's line").between("0", "50");
    public static final ConfigKey SNAPSHOT_LOCALS = new ConfigKey("telltale.snapshot.locals", BOOLEAN, "true",
            "record the local variable slots of the saving thread's frames that are in the exception's trace (the catching method and its callers; for a snapshot probe through the agent, the failing method and its callers); needs --add-opens java.base/java.lang=ALL-UNNAMED, else the snapshot says why they are missing");
    public static final ConfigKey HOST = new ConfigKey("telltale.host", STRING, "",
            "host name stamped on events; empty uses this machine's name");

    public static final ConfigKey WATCH_SLOW_TASK_THRESHOLD = new ConfigKey("telltale.watch.slow-task.threshold", DURATION, "1s",
            "a task of a watched executor running this long is reported while it runs (loop.slow-task, with its stack) and when it ends (loop.slow-task.ended)").atLeast("1ms");
    public static final ConfigKey WATCH_QUIET_PERIOD = new ConfigKey("telltale.watch.quiet-period", DURATION, "5s",
            "no slow tasks are reported for this long after the pipeline starts (start-up is slow by nature); a task reported running is still reported when it ends");
    public static final ConfigKey WATCH_HANG_INTERVAL = new ConfigKey("telltale.watch.hang.interval", DURATION, "1s",
            "a watched loop that misses its heartbeat for longer than this is hung: thread dumps are written and loop.hang reported").atLeast("1ms");
    public static final ConfigKey WATCH_HANG_DUMPS = new ConfigKey("telltale.watch.hang.dumps", INTEGER, "3",
            "thread dumps written per hang").between("1", "100");
    public static final ConfigKey WATCH_HANG_DUMP_GAP = new ConfigKey("telltale.watch.hang.dump-gap", DURATION, "1s",
            "time between the thread dumps of one hang");
    public static final ConfigKey WATCH_HANG_DIR = new ConfigKey("telltale.watch.hang.dir", STRING, "./telltale-out/hangs",
            "directory of the hang dumps, stacktrace-<yyyyMMdd-HHmmss.SSSSSS>-<n>.txt; made when a loop is first watched, which fails if it cannot be written");
    public static final ConfigKey WATCH_HANG_SYNCHRONIZERS = new ConfigKey("telltale.watch.hang.locked-synchronizers", BOOLEAN, "false",
            "also list each thread's locked ownable synchronizers in hang dumps (jstack -l); this walks the heap and stops the world for hundreds of ms on a large heap");
    public static final ConfigKey WATCH_HANG_VIRTUAL_THREADS = new ConfigKey("telltale.watch.hang.virtual-threads", BOOLEAN, "true",
            "on JDK 21+, each hang dump has the virtual threads after the platform threads, in the same jstack-like form (\"name\" #tid virtual), at most 10000 (a line counts the rest), from HotSpotDiagnosticMXBean.dumpThreads; false: platform threads only; ignored before JDK 21");
    public static final ConfigKey WATCH_HANG_CONTENTION = new ConfigKey("telltale.watch.hang.contention-threshold", DURATION, "20ms",
            "from the first watched loop on, a JFR recording (telltale-contention) keeps lock and park waits (jdk.JavaMonitorEnter, jdk.ThreadPark) at least this long, and those that overlapped a hang go into loop.hang.ended; 0 turns it off");
    public static final ConfigKey WATCH_PINNED_THRESHOLD = new ConfigKey("telltale.watch.pinned.threshold", DURATION, "20ms",
            "on JDK 21+, from the first watched task on a virtual thread on, a JFR stream of jdk.VirtualThreadPinned reports a virtual thread that holds its carrier pinned at least this long as a slow task of the watched executor whose task it runs (loop.slow-task with pinned: true), about a second after the pin ended; 0 turns it off; ignored before JDK 21");
    public static final ConfigKey WATCH_LAG_INTERVAL = new ConfigKey("telltale.watch.lag.interval", DURATION, "250ms",
            "how often a task on each watched loop measures how late it runs (its lag); 0 turns lag measuring off");
    public static final ConfigKey WATCH_LAG_REPORT_INTERVAL = new ConfigKey("telltale.watch.lag.report-interval", DURATION, "10s",
            "how often each watched loop's lag histogram is published as a loop.lag event").atLeast("10ms");
    public static final ConfigKey WATCH_STATSD = new ConfigKey("telltale.watch.statsd", STRING, "",
            "host:port of a StatsD server that receives every lag measured, as a timer <prefix>.<loop>.lag over UDP; empty sends nothing");
    public static final ConfigKey WATCH_STATSD_PREFIX = new ConfigKey("telltale.watch.statsd.prefix", STRING, "telltale",
            "first part of the StatsD metric names");

    public static final ConfigKey TRACE_SERVICE = new ConfigKey("telltale.trace.service", STRING, "",
            "the service name of Tracing.tracer() (tracer(name) names its own); empty: unknown-service");
    public static final ConfigKey TRACE_SAMPLER = new ConfigKey("telltale.trace.sampler", STRING, "always",
            "which new traces are recorded: always, never, a probability such as 0.001 (by trace id, down to 1e-6), or rate:N for at most N traces a second");
    public static final ConfigKey TRACE_SAMPLER_PARENT_BASED = new ConfigKey("telltale.trace.sampler.parent-based", BOOLEAN, "true",
            "a span whose parent came from another process follows that caller's sampled flag; false asks telltale.trace.sampler instead");
    public static final ConfigKey TRACE_EVENTS = new ConfigKey("telltale.trace.events", BOOLEAN, "true",
            "finished sampled spans go through the pipeline as span events (routing key telltale.trace); false leaves them to JFR and span reporters");
    public static final ConfigKey TRACE_ZIPKIN_URL = new ConfigKey("telltale.trace.zipkin.url", STRING, "",
            "Zipkin server that receives every finished sampled span as Zipkin v2 JSON, posted in batches from one background thread: http://host:9411 (then /api/v2/spans is added) or the full URL of the span endpoint; empty sends none");
    public static final ConfigKey TRACE_ZIPKIN_QUEUE_CAPACITY = new ConfigKey("telltale.trace.zipkin.queue.capacity", INTEGER, "4096",
            "spans waiting to be sent to Zipkin; when full, the oldest is dropped (queue-full)").between("1", "1048576");
    public static final ConfigKey TRACE_ZIPKIN_QUEUE_MAX_BYTES = new ConfigKey("telltale.trace.zipkin.queue.max-bytes", SIZE, "8MiB",
            "the same in estimated bytes; when exceeded, the oldest spans are dropped (queue-full)").atLeast("64KiB");
    public static final ConfigKey TRACE_ZIPKIN_BATCH_SIZE = new ConfigKey("telltale.trace.zipkin.batch.size", INTEGER, "512",
            "most spans per POST; a full batch is sent without waiting for telltale.trace.zipkin.interval").between("1", "65536");
    public static final ConfigKey TRACE_ZIPKIN_BATCH_MAX_BYTES = new ConfigKey("telltale.trace.zipkin.batch.max-bytes", SIZE, "512KiB",
            "largest POST body; a span that alone encodes to more is dropped (too-large), as is a batch the server answers 413").between("1KiB", "64MiB");
    public static final ConfigKey TRACE_ZIPKIN_INTERVAL = new ConfigKey("telltale.trace.zipkin.interval", DURATION, "1s",
            "the longest a span waits before it is sent to Zipkin").atLeast("1ms");
    public static final ConfigKey TRACE_ZIPKIN_TIMEOUT = new ConfigKey("telltale.trace.zipkin.timeout", DURATION, "5s",
            "how long one POST to Zipkin may take, connecting included, before it counts as failed and is retried (telltale.retry.*)").atLeast("1ms");

    /** All of them, in table order. */
    public static final List<ConfigKey> ALL = List.of(
            ENABLED, BACKEND, QUEUE_CAPACITY, QUEUE_MAX_BYTES, BATCH_SIZE, FLUSH_INTERVAL, FLUSH_TIMEOUT,
            HEALTH_INTERVAL, RETRY_ATTEMPTS, RETRY_BACKOFF, RETRY_MAX_BACKOFF, EVENT_MAX_BYTES,
            VALUE_MAX_DEPTH, VALUE_MAX_CHARS, VALUE_MAX_ITEMS, JFR, JFR_FIELDS, PROBE_REPORT_INTERVAL,
            PROBE_MANAGER_STORE, PROBE_MANAGER_INTERVAL, PROBE_MANAGER_TIMEOUT, PROBE_MANAGER_TARGETS, PROBE_MANAGER_DENY,
            PROBE_MANAGER_TYPES, PROBE_MANAGER_MAX_LIFESPAN, PROBE_MANAGER_SERVICE, AGENT_REWRITER, AGENT_JAR,
            SNAPSHOT_DIR, SNAPSHOT_DEPTH, SNAPSHOT_MAX_CHARS, SNAPSHOT_MAX_ITEMS, SNAPSHOT_MAX_BYTES, SNAPSHOT_REDACT,
            SNAPSHOT_APP_PACKAGES, SNAPSHOT_PROPERTIES, SNAPSHOT_GZIP, SNAPSHOT_SOURCE, SNAPSHOT_SOURCE_ROOTS,
            SNAPSHOT_SOURCE_CONTEXT, SNAPSHOT_LOCALS, HOST,
            WATCH_SLOW_TASK_THRESHOLD, WATCH_QUIET_PERIOD, WATCH_HANG_INTERVAL, WATCH_HANG_DUMPS, WATCH_HANG_DUMP_GAP,
            WATCH_HANG_DIR, WATCH_HANG_SYNCHRONIZERS, WATCH_HANG_VIRTUAL_THREADS, WATCH_HANG_CONTENTION,
            WATCH_PINNED_THRESHOLD,
            WATCH_LAG_INTERVAL, WATCH_LAG_REPORT_INTERVAL, WATCH_STATSD,
            WATCH_STATSD_PREFIX,
            TRACE_SERVICE, TRACE_SAMPLER, TRACE_SAMPLER_PARENT_BASED, TRACE_EVENTS,
            TRACE_ZIPKIN_URL, TRACE_ZIPKIN_QUEUE_CAPACITY, TRACE_ZIPKIN_QUEUE_MAX_BYTES, TRACE_ZIPKIN_BATCH_SIZE,
            TRACE_ZIPKIN_BATCH_MAX_BYTES, TRACE_ZIPKIN_INTERVAL, TRACE_ZIPKIN_TIMEOUT);

    private CoreKeys() {}
}
