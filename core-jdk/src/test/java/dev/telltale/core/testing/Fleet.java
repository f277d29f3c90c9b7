package dev.telltale.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.telltale.probe.ProbeSpec;
import dev.telltale.spi.SpecStore;
import dev.telltale.tool.SpecJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Child JVMs running {@link FleetChild} on the test JVM's class path ({@code java.class.path}),
 * each killed after at most three minutes and by {@link #close()}: a fleet of applications
 * sharing one spec store, for a backend's fleet test. The test's class path must therefore hold
 * what a member needs to open the store: the backend's classes and its client (a backend
 * module's own tests have both), and this test-jar. Not thread-safe: one test thread uses a fleet.
 */
public final class Fleet implements AutoCloseable {

    private static final Duration LIFE = Duration.ofMinutes(3);
    private static final Duration READY = Duration.ofSeconds(60);

    private final String service;
    private final int count;
    private final List<Process> processes = new ArrayList<>();
    private final List<Path> errors = new ArrayList<>();
    /**
     * Waits for the members, and reads their first line, on threads of its own: never the common
     * pool, whose one thread on a two-core machine a blocked wait would take.
     */
    private final ExecutorService waiting = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fleet-wait");
        t.setDaemon(true);
        return t;
    });

    private Fleet(String service, int count) {
        this.service = service;
        this.count = count;
    }

    /** Starts {@code count} members named {@code service-1}... on {@code store}; returns once each printed ready. */
    public static Fleet start(int count, String store, String service, String... settings) throws Exception {
        Fleet fleet = new Fleet(service, count);
        try {
            List<CompletableFuture<String>> ready = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                ready.add(fleet.launch(store, service + "-" + i, settings));
            }
            for (int i = 0; i < count; i++) {
                String line;
                try {
                    line = ready.get(i).get(READY.toSeconds(), TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("member " + (i + 1) + " printed nothing within " + READY
                            + "; alive: " + fleet.processes.get(i).isAlive() + "; stderr: " + fleet.stderr(i)
                            + "; threads: " + threads(fleet.processes.get(i)), e);
                }
                if (line == null || !line.startsWith("ready ")) {
                    throw new IllegalStateException("member " + (i + 1) + " did not start: " + line + "; stderr: "
                            + fleet.stderr(i));
                }
            }
            return fleet;
        } catch (Exception | Error e) {
            fleet.close();
            throw e;
        }
    }

    private CompletableFuture<String> launch(String store, String service, String... settings) throws IOException {
        Path err = Files.createTempFile("telltale-fleet-", ".err");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), FleetChild.class.getName(), store, service));
        cmd.addAll(List.of(settings));
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        processes.add(p);
        errors.add(err);
        p.onExit();
        waiting.execute(() -> {
            try {
                if (!p.waitFor(LIFE.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        });
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }, waiting);
    }

    /**
     * Puts a spec {@code greetings} counting calls to the members' {@code greet} handle into
     * {@code specs} (the store the members run on, opened by the test), waits (polling, bounded by
     * {@code within}) until every member reports it applied, and asserts that each member,
     * {@code <service>-1}..., reported {@code applied} and that the store lists that one spec.
     */
    public void assertEveryMemberApplies(SpecStore specs, Duration within) throws Exception {
        ProbeSpec spec = SpecJson.parse("{\"id\":\"greetings\",\"target\":\"handle:greet\","
                + "\"instrument\":{\"type\":\"counter\",\"name\":\"greetings\"},\"lifespan\":\"10m\","
                + "\"lastModified\":\"" + Instant.now() + "\"}");
        specs.put(spec.id(), SpecJson.toJson(spec, false));

        Map<String, String> statuses = Map.of();
        long deadline = System.nanoTime() + within.toNanos();
        for (int i = 0; i < 10_000 && System.nanoTime() < deadline && !allApplied(statuses); i++) {
            Thread.sleep(100); // the members apply on their own interval; the store has no push to wait on
            statuses = specs.statuses().getOrDefault("greetings", Map.of());
        }
        Map<String, String> byService = new TreeMap<>();
        statuses.forEach((process, json) -> byService.put(process.substring(0, process.indexOf('@')),
                SpecJson.parseApplied(json).status().json()));
        Map<String, String> expected = new TreeMap<>();
        for (int i = 1; i <= count; i++) {
            expected.put(service + "-" + i, "applied");
        }
        assertEquals(expected, byService, "statuses " + statuses + stderr());
        assertEquals(Set.of("greetings"), specs.specs().keySet());
    }

    private boolean allApplied(Map<String, String> statuses) {
        return statuses.size() == count && statuses.values().stream()
                .allMatch(json -> SpecJson.parseApplied(json).status() == ProbeSpec.Status.APPLIED);
    }

    /** The threads of a member that hangs, by {@code jstack} (bounded), for the failure message. */
    private static String threads(Process p) {
        try {
            Process jstack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                    Long.toString(p.pid())).redirectErrorStream(true).start();
            if (!jstack.waitFor(20, TimeUnit.SECONDS)) {
                jstack.destroyForcibly();
                return "(jstack took too long)";
            }
            return new String(jstack.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | InterruptedException e) {
            return "(no jstack: " + e + ")";
        }
    }

    /** Member {@code i}'s (from 0) standard error so far. */
    public String stderr(int i) {
        try {
            return Files.readString(errors.get(i));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    /** Every member's standard error, for failure messages. */
    public String stderr() {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < errors.size(); i++) {
            all.append("\n--- member ").append(i + 1).append(":\n").append(stderr(i));
        }
        return all.toString();
    }

    /** Kills every member and waits (bounded) for it to end. */
    @Override
    public void close() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        waiting.shutdownNow();
        for (Path err : errors) {
            try {
                Files.deleteIfExists(err);
            } catch (IOException e) {
                // a temp file
            }
        }
    }
}
