package dev.telltale.cli;

import dev.telltale.Emitter;
import dev.telltale.Telltale;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The demo's sample service: a small web shop handling simulated requests on a worker pool and
 * telling Telltale what happens. Each request is one source (its events share a source id and
 * count their own sequence), with a log stream and a service-status stream beside them.
 *
 * <p>Timings and outcomes are drawn from a seeded random generator, so runs are alike but not
 * identical; nothing sleeps to simulate work.
 */
final class DemoShop implements AutoCloseable {

    private static final List<String> SKUS = List.of("tea-green-100g", "tea-black-250g", "mug-stoneware",
            "kettle-1.2l", "filter-paper-100", "honey-jar-400g");
    private static final List<String> TIERS = List.of("guest", "member", "member", "gold");

    private final Telltale telltale;
    private final int ratePerSecond;
    private final ExecutorService workers;
    private final ScheduledExecutorService clock;
    private final Emitter log;
    private final Emitter status;
    private final Map<String, LongAdder> emitted = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();
    private final SplittableRandom seeds = new SplittableRandom(20261121L);
    private double owed;

    DemoShop(Telltale telltale, int ratePerSecond) {
        this.telltale = telltale;
        this.ratePerSecond = ratePerSecond;
        this.workers = Executors.newFixedThreadPool(4, named("shop-worker-"));
        this.clock = Executors.newSingleThreadScheduledExecutor(named("shop-clock-"));
        this.log = telltale.emitter("demo.shop.log", "shop-log", Map.of("service", "shop"));
        this.status = telltale.emitter("demo.shop.status", "shop-status", Map.of("service", "shop"));
    }

    void start() {
        clock.scheduleAtFixedRate(this::arrive, 0, 10, TimeUnit.MILLISECONDS);
        clock.scheduleAtFixedRate(this::reportStatus, 1, 1, TimeUnit.SECONDS);
    }

    /** Stops taking requests and waits (bounded) for those in flight. */
    @Override
    public void close() throws InterruptedException {
        clock.shutdownNow();
        clock.awaitTermination(5, TimeUnit.SECONDS);
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }

    long requests() {
        return requests.get();
    }

    long emitted() {
        return emitted.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Events emitted by kind. */
    Map<String, Long> emittedByKind() {
        Map<String, Long> out = new java.util.TreeMap<>();
        emitted.forEach((kind, n) -> out.put(kind, n.sum()));
        return out;
    }

    private void arrive() {
        owed += ratePerSecond / 100.0;
        while (owed >= 1) {
            owed -= 1;
            long seed = seeds.nextLong();
            workers.execute(() -> handle(new SplittableRandom(seed)));
        }
    }

    private void handle(SplittableRandom random) {
        long n = requests.incrementAndGet();
        inFlight.incrementAndGet();
        try {
            String id = "req-" + n;
            int endpoint = random.nextInt(10);
            if (endpoint < 6) {
                browse(id, random);
            } else if (endpoint < 9) {
                order(id, random);
            } else {
                lookup(id, random);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void browse(String id, SplittableRandom random) {
        Emitter e = telltale.emitter("demo.shop.catalog", id, Map.of("service", "shop"));
        received(e, "GET", "/catalog?page=" + (1 + random.nextInt(5)), random);
        double elapsed = 0.4;
        boolean hit = random.nextInt(100) < 80;
        (hit ? cacheHits : cacheMisses).increment();
        emit(e, "cache.lookup", fields("cache", "catalog", "hit", hit));
        if (!hit) {
            elapsed += query(e, id, "SELECT * FROM products WHERE page = ?", 20, random);
        }
        completed(e, 200, elapsed + random.nextDouble() * 2);
    }

    private void order(String id, SplittableRandom random) {
        Emitter e = telltale.emitter("demo.shop.orders", id, Map.of("service", "shop"));
        received(e, "POST", "/orders", random);
        Map<String, Object> customer = fields("id", "c-" + (1000 + random.nextInt(9000)),
                "tier", TIERS.get(random.nextInt(TIERS.size())));
        List<Map<String, Object>> items = new java.util.ArrayList<>();
        double total = 0;
        for (int i = 0, count = 1 + random.nextInt(4); i < count; i++) {
            int qty = 1 + random.nextInt(3);
            double price = 3.5 + random.nextInt(40);
            total += qty * price;
            items.add(fields("sku", SKUS.get(random.nextInt(SKUS.size())), "qty", qty, "price", price));
        }
        emit(e, "order.created", fields("customer", customer, "items", items, "total", round(total), "currency", "EUR"));
        double elapsed = query(e, id, "INSERT INTO orders (customer, total) VALUES (?, ?)", 1, random);
        if (random.nextInt(100) < 2) {
            errors.incrementAndGet();
            logLine("ERROR", "shop.orders", "order " + id + " failed: payment provider timed out after 3000 ms", id,
                    "java.net.SocketTimeoutException");
            completed(e, 502, elapsed + 3000);
            return;
        }
        double authMs = 40 + random.nextDouble() * 120;
        boolean declined = random.nextInt(100) < 4;
        emit(e, declined ? "payment.declined" : "payment.authorized", fields("provider", "acmepay",
                "amount", round(total), "currency", "EUR", "elapsedMs", round(authMs)));
        if (declined) {
            logLine("WARN", "shop.payments", "payment declined for order " + id, id, null);
        }
        completed(e, declined ? 402 : 201, elapsed + authMs);
    }

    private void lookup(String id, SplittableRandom random) {
        Emitter e = telltale.emitter("demo.shop.orders", id, Map.of("service", "shop"));
        received(e, "GET", "/orders/" + (10_000 + random.nextInt(90_000)), random);
        double elapsed = query(e, id, "SELECT * FROM orders WHERE id = ?", 1, random);
        boolean found = random.nextInt(100) < 93;
        completed(e, found ? 200 : 404, elapsed + 0.3);
    }

    private void received(Emitter e, String method, String path, SplittableRandom random) {
        emit(e, "http.request.received", fields("method", method, "path", path,
                "client", "10.0." + random.nextInt(4) + "." + (2 + random.nextInt(250))));
    }

    private double query(Emitter e, String id, String sql, int maxRows, SplittableRandom random) {
        double ms = 0.8 + random.nextDouble() * random.nextDouble() * 25;
        boolean slow = random.nextInt(200) == 0;
        if (slow) {
            ms += 150 + random.nextInt(200);
        }
        emit(e, "db.query", fields("sql", sql, "rows", random.nextInt(maxRows + 1), "elapsedMs", round(ms)));
        if (slow) {
            logLine("WARN", "shop.db", "slow query (" + round(ms) + " ms): " + sql, id, null);
        }
        return ms;
    }

    private void completed(Emitter e, int status, double elapsedMs) {
        emit(e, "http.request.completed", fields("status", status, "elapsedMs", round(elapsedMs)));
    }

    private void logLine(String level, String logger, String message, String requestId, String exception) {
        Map<String, Object> f = fields("level", level, "logger", logger, "message", message, "requestId", requestId);
        if (exception != null) {
            f.put("exception", exception);
        }
        emit(log, "log", f);
    }

    private void reportStatus() {
        long hits = cacheHits.sum();
        long lookups = hits + cacheMisses.sum();
        emit(status, "service.status", fields("requests", requests.get(), "errors", errors.get(),
                "inFlight", inFlight.get(), "cacheHitRate", lookups == 0 ? 0.0 : round(100.0 * hits / lookups),
                "uptime", Duration.ofSeconds(status.lastSeq() + 1)));
    }

    private void emit(Emitter e, String kind, Map<String, ?> fields) {
        e.emit(kind, fields);
        emitted.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    private static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
