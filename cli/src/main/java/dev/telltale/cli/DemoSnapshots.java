package dev.telltale.cli;

import dev.telltale.Telltale;
import dev.telltale.snapshot.Snapshots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The demo's crash snapshots: one exception the shop catches and saves on purpose (a refund of
 * an order the ledger does not know), and one that escapes a worker thread and is saved by the
 * uncaught-exception handler, which then hands it on to the demo's own one-line handler. The
 * summary names the files and the {@code ./telltale dump} commands.
 */
final class DemoSnapshots {

    /** The directory, under the demo's output directory. */
    static final String DIR = "snapshots";

    private final Snapshots snapshots;
    private final Path dir;
    private final List<Path> files = new ArrayList<>();
    private String workerLine;

    DemoSnapshots(Telltale telltale, Path dir) {
        this.snapshots = telltale.snapshots();
        this.dir = dir;
    }

    /** The settings the demo's pipeline gets unless --set says otherwise. */
    static Map<String, String> settings(Path outDir) {
        Map<String, String> settings = new java.util.LinkedHashMap<>();
        settings.put("telltale.snapshot.dir", outDir.resolve(DIR).toString());
        Path sources = Path.of("cli", "src", "main", "java");
        if (Files.isDirectory(sources)) { // run from the repository, as ./telltale does: source lines too
            settings.put("telltale.snapshot.source-roots", sources.toString());
        }
        return settings;
    }

    /** Takes both snapshots; returns when the worker has died and its snapshot is written. */
    void run() throws InterruptedException {
        List<Path> before = list();
        try {
            refund("A-1042", 1299);
        } catch (IllegalStateException e) {
            snapshots.save(e, Map.of("orderId", "A-1042", "cents", 1299, "paymentToken", "tok_demo_4242"))
                    .ifPresent(files::add);
        }
        AtomicReference<String> died = new AtomicReference<>();
        Thread.UncaughtExceptionHandler original = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> died.set(t.getName() + " died: " + e));
        try (Snapshots.Installation installed = snapshots.installUncaughtHandler()) {
            Thread worker = new Thread(DemoSnapshots::settleBatch, "demo-settlement-worker");
            worker.start();
            worker.join();
        } finally {
            Thread.setDefaultUncaughtExceptionHandler(original);
        }
        workerLine = died.get();
        for (Path p : list()) {
            if (!before.contains(p) && !files.contains(p)) {
                files.add(p);
            }
        }
    }

    private static void refund(String orderId, int cents) {
        try {
            ledgerEntry(orderId);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cannot refund " + cents + " cents to order " + orderId, e);
        }
    }

    private static void ledgerEntry(String orderId) {
        throw new IllegalArgumentException("no ledger entry for order " + orderId);
    }

    private static void settleBatch() {
        List<Integer> amounts = List.of(1299, 450, -20);
        int total = 0;
        for (int amount : amounts) {
            if (amount < 0) {
                throw new ArithmeticException("negative settlement amount " + amount + " after " + total + " cents");
            }
            total += amount;
        }
    }

    private List<Path> list() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("snapshot-")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** What the summary says. */
    List<String> summary() {
        List<String> lines = new ArrayList<>();
        lines.add("Crash snapshots in " + dir + ":");
        if (files.isEmpty()) {
            lines.add("  none were written (see the log above for why)");
            return lines;
        }
        for (Path f : files) {
            lines.add("  " + f);
        }
        if (workerLine != null) {
            lines.add("  (the worker's exception went on to the demo's own handler: " + workerLine + ")");
        }
        lines.add("Read one: ./telltale dump show " + files.get(0));
        return lines;
    }

    /** The files written. */
    List<Path> files() {
        return List.copyOf(files);
    }
}
