package dev.telltale.cli;

import dev.telltale.Telltale;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.InstrumentStatus;
import dev.telltale.probe.Probe;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The demo's probe: the shop's payment gateway is wrapped with {@link Probes#proxy}, and a
 * quarter into the run a probe on {@link DemoPayments#charge} gets a {@code timer}, a {@code
 * counter} and a {@code log} of the charges over 100 EUR, whose lifespans end three quarters into
 * the run (half the run, less however late the attaching was), so the events show the probe
 * attaching, reporting every {@link #reportInterval} and expiring while the shop keeps going. Then
 * it prints what the probe published (read back, or else from the probe's own status).
 *
 * <p>The log instrument also writes each line to {@link System.Logger} {@code dev.telltale.probe}
 * at INFO; the demo keeps those lines off the terminal unless java.util.logging was configured.
 * Not thread-safe: {@link #start}, {@link #close} and {@link #summary} are called by the demo's
 * thread; the attaching is done on a thread of its own.
 */
final class DemoProbes implements AutoCloseable {

    /** The setting the demo gives {@link #reportInterval} unless {@code --set} gives it. */
    static final String REPORT_INTERVAL = "telltale.probe.report-interval";
    /** What the probe is attached to. */
    static final Target TARGET = Target.method(DemoPayments.class, "charge");
    /** When the log instrument records a charge. */
    static final String LOG_CONDITION = "args[0].total > 100";

    /** Held: java.util.logging forgets the level of a logger nobody refers to. */
    private static final Logger PROBE_LOG = Logger.getLogger("dev.telltale.probe");

    private final Telltale telltale;
    private final Duration attachAfter;
    private final Duration expireAfter;
    private final ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "demo-probes");
        t.setDaemon(true);
        return t;
    });
    private Instant started;
    private volatile Instant attachedAt;
    private volatile Probe probe;
    private volatile String failure;

    /** The probe of a run of {@code run}: attached after a quarter of it, until three quarters. */
    DemoProbes(Telltale telltale, Duration run) {
        this.telltale = telltale;
        this.attachAfter = run.dividedBy(4);
        this.expireAfter = run.multipliedBy(3).dividedBy(4);
    }

    /** How often a run of {@code run} has its probe report: a tenth of the run, from 10 ms to 1 s. */
    static String reportInterval(Duration run) {
        long millis = Math.max(10, Math.min(1000, run.toMillis() / 10));
        return millis + "ms";
    }

    /** {@code gateway} behind a probe proxy, the probe point of {@link #TARGET}. */
    DemoPayments wrap(DemoPayments gateway) {
        return Probes.of(telltale).proxy(DemoPayments.class, gateway);
    }

    /** Starts the run's clock; the probe is attached a quarter into it. */
    void start() {
        if (System.getProperty("java.util.logging.config.file") == null
                && System.getProperty("java.util.logging.config.class") == null) {
            PROBE_LOG.setLevel(Level.WARNING);
        }
        started = Instant.now();
        scheduler.schedule(this::attach, attachAfter.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void attach() {
        try {
            Probe p = Probes.of(telltale).attach(TARGET);
            attachedAt = Instant.now();
            probe = p;
            p.add(InstrumentSpec.timer("charge-time").lifespan(lifespan()).build());
            p.add(InstrumentSpec.counter("charges").lifespan(lifespan()).build());
            p.add(InstrumentSpec.log("large-charges", "result.status").event(ProbeEvent.RETURN)
                    .condition(LOG_CONDITION).message("charge over 100 EUR").lifespan(lifespan()).build());
        } catch (RuntimeException e) { // probes unavailable (telltale.enabled=false), or the run ended first
            failure = e.getMessage();
        }
    }

    /** What is left until the instruments should expire; at least 1 ms. */
    private Duration lifespan() {
        Duration left = Duration.between(Instant.now(), started.plus(expireAfter));
        return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
    }

    /** Stops waiting to attach; what was attached stays until it expires or the pipeline closes. */
    @Override
    public void close() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }

    /**
     * The summary's lines: what was attached, then what it did, from {@code readBack} (the probe
     * events read back), or from the probe's own status when they did not all arrive.
     */
    List<String> summary(DemoProbeTally readBack) {
        Probe p = probe;
        List<String> lines = new ArrayList<>();
        if (p == null) {
            lines.add("Probes: none attached (" + (failure != null ? failure : "the run ended first") + ").");
            return lines;
        }
        lines.add(String.format("Probes: 1 probe on %s at %s, %d instruments until %s: timer, counter, log if %s", TARGET,
                seconds(Duration.between(started, attachedAt)), p.instruments().size(), seconds(expireAfter), LOG_CONDITION));
        DemoProbeTally.Figures read = readBack == null ? null : readBack.figures();
        // the events tell the whole story once they say the probe detached (or it still is attached)
        boolean whole = read != null && (read.detached() != null || p.attached());
        DemoProbeTally.Figures f = whole ? read : fromStatus(p, read);
        StringBuilder sb = new StringBuilder(String.format("  %,d calls counted, %,d timed", f.counted(), f.timed()));
        if (f.p99Low() >= 0) {
            sb.append(" (p99 ").append(f.p99Low() == f.p99High() ? nanos(f.p99Low())
                    : nanos(f.p99Low()) + " to " + nanos(f.p99High())).append(" a report)");
        }
        sb.append(String.format(", %,d logged", f.logged()));
        if (f.logLimited() > 0) {
            sb.append(String.format(" (%,d over its rate limit)", f.logLimited()));
        }
        sb.append("; ").append(ending(f));
        sb.append(whole ? "." : read == null ? " (the probe's own figures: no probe event was read back)."
                : " (the probe's own figures: not all its events were read back).");
        lines.add(sb.toString());
        return lines;
    }

    private String ending(DemoProbeTally.Figures f) {
        List<String> parts = new ArrayList<>();
        String when = f.lastExpired() == null ? "" : " at " + seconds(Duration.between(started, f.lastExpired()));
        if (f.expired() == f.instruments()) {
            parts.add("all " + f.expired() + " expired" + when);
        } else if (f.expired() > 0) {
            parts.add(f.expired() + " expired" + when);
        }
        if (f.removed() > 0) {
            parts.add(f.removed() + " removed");
        }
        if (f.failed() > 0) {
            parts.add(f.failed() + " failed (" + f.error() + ")");
        }
        int left = f.instruments() - f.expired() - f.removed() - f.failed();
        if (left > 0) {
            parts.add(left + " still active");
        }
        String detached = f.detached() == null ? "the probe still attached"
                : f.detached().equals("no instruments left") ? "the probe detached"
                : "the probe detached (" + f.detached() + ")";
        return String.join(", ", parts) + " and " + detached;
    }

    /** The figures the probe keeps itself, with the percentiles of {@code read} if any. */
    private static DemoProbeTally.Figures fromStatus(Probe p, DemoProbeTally.Figures read) {
        long counted = 0;
        long timed = 0;
        long logged = 0;
        long limited = 0;
        int expired = 0;
        int removed = 0;
        int failed = 0;
        String error = null;
        Instant lastExpired = null;
        List<InstrumentStatus> statuses = p.instruments();
        for (InstrumentStatus s : statuses) {
            switch (s.spec().type()) {
                case "counter" -> counted = s.hits();
                case "timer" -> timed = s.hits();
                case "log" -> {
                    logged = s.hits();
                    limited = s.limited();
                }
                default -> { }
            }
            switch (s.state()) {
                case EXPIRED -> {
                    expired++;
                    lastExpired = lastExpired == null || s.expiresAt().isAfter(lastExpired) ? s.expiresAt() : lastExpired;
                }
                case REMOVED -> removed++;
                case FAILED -> {
                    failed++;
                    error = error == null ? s.error() : error;
                }
                default -> { }
            }
        }
        return new DemoProbeTally.Figures(statuses.size(), counted, timed, read == null ? -1 : read.p99Low(),
                read == null ? -1 : read.p99High(), logged, limited, expired, removed, failed, error, lastExpired,
                p.attached() ? null : removed > 0 ? "pipeline closed" : "no instruments left");
    }

    static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }

    static String nanos(long nanos) {
        return nanos < 10_000 ? String.format("%,d ns", nanos)
                : nanos < 1_000_000 ? String.format("%d us", Math.round(nanos / 1e3))
                : String.format("%,.1f ms", nanos / 1e6);
    }
}
