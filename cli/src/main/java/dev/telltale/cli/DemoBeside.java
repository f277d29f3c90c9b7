package dev.telltale.cli;

import dev.telltale.Telltale;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The demo's parts that run beside the shop and take a while to set up: the two traced HTTP
 * services (the JDK's HTTP client sets up TLS on creation, a second or more on a busy machine) and
 * the crash snapshots. They start on a thread of their own, so the shop's clock and its progress
 * line never wait for them.
 */
final class DemoBeside {

    private final Thread thread;
    private volatile DemoTracing tracing;
    private volatile Throwable failure;

    private DemoBeside(Telltale telltale, DemoSnapshots snapshots) {
        thread = new Thread(() -> {
            try {
                tracing = DemoTracing.start(telltale);
                snapshots.run();
            } catch (IOException | RuntimeException | Error e) {
                failure = e;
            } catch (InterruptedException e) {
                failure = e;
                Thread.currentThread().interrupt();
            }
        }, "demo-beside");
        thread.setDaemon(true);
    }

    /** Starts the HTTP services, then takes the snapshots, on thread {@code demo-beside}. */
    static DemoBeside start(Telltale telltale, DemoSnapshots snapshots) {
        DemoBeside beside = new DemoBeside(telltale, snapshots);
        beside.thread.start();
        return beside;
    }

    /**
     * Waits up to {@code timeout} for the set-up to end; the running HTTP services, or null when
     * they could not start ({@link #problem()} says why).
     */
    DemoTracing tracing(Duration timeout) throws InterruptedException {
        thread.join(TimeUnit.NANOSECONDS.toMillis(timeout.toNanos()) + 1);
        DemoTracing t = tracing;
        if (thread.isAlive()) {
            failure = new IOException("not started within " + timeout.toSeconds() + " s");
            if (t != null) {
                t.close();
            }
            return null;
        }
        return failure == null ? t : null;
    }

    /** Why {@link #tracing} returned null, for the summary. */
    String problem() {
        Throwable f = failure;
        return f == null ? "" : f.toString();
    }
}
