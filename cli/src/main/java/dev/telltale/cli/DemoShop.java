package dev.telltale.cli;

import demoshop.Checkout;
import dev.telltale.Telltale;
import dev.telltale.context.Context;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The demo's sample service: a small web shop handling simulated requests on a worker pool.
 * Each request is a {@link Context} whose fields are set as the request goes (so the monitor can
 * put each request back together), the shop's status is one long-lived context updated every
 * second, and each second's payment settlement is a transient context. Orders are charged through
 * a {@link DemoPayments} gateway, which the demo wraps with a probe proxy.
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
    private final DemoPayments payments;
    private final DemoWatch watch;
    private final ExecutorService workers;
    private final ScheduledExecutorService clock;
    private final Context status;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong settlements = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();
    private final LongAdder paidOrders = new LongAdder();
    private final DoubleAdder revenue = new DoubleAdder();
    private final SplittableRandom seeds = new SplittableRandom(20261121L);
    private final long started = System.nanoTime();
    private double owed;

    /** A shop publishing to {@code telltale} that charges its orders through {@code payments}. */
    DemoShop(Telltale telltale, int ratePerSecond, DemoPayments payments, DemoWatch watch) {
        this.telltale = telltale;
        this.ratePerSecond = ratePerSecond;
        this.payments = payments;
        this.watch = watch;
        this.workers = watch.workers(Executors.newFixedThreadPool(4, named("shop-worker-")));
        this.clock = watch.loop(Executors.newSingleThreadScheduledExecutor(named("shop-clock-")));
        this.status = Context.builder().telltale(telltale).name("demo.shop.status").id("shop-status")
                .fields(fields("service", "shop", "version", "1.4.2", "workers", 4)).start();
    }

    void start() {
        clock.scheduleAtFixedRate(this::arrive, 0, 10, TimeUnit.MILLISECONDS);
        clock.scheduleAtFixedRate(this::everySecond, 1, 1, TimeUnit.SECONDS);
        watch.start(workers, clock);
    }

    /** Stops taking requests and waits (bounded) for those in flight; the status context stays open. */
    @Override
    public void close() throws InterruptedException {
        watch.close();
        clock.shutdownNow();
        clock.awaitTermination(5, TimeUnit.SECONDS);
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }

    long requests() {
        return requests.get();
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
            int endpoint = random.nextInt(10);
            if (endpoint < 6) {
                browse(n, random);
            } else if (endpoint < 9) {
                order(n, random);
            } else {
                lookup(n, random);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private Context request(String name, long n, String method, String path, SplittableRandom random) {
        return Context.builder().telltale(telltale).name(name).id("req-" + n)
                .headers(Map.of("service", "shop"))
                .fields(fields("method", method, "path", path,
                        "client", "10.0." + random.nextInt(4) + "." + (2 + random.nextInt(250))))
                .start();
    }

    private void browse(long n, SplittableRandom random) {
        try (Context ctx = request("demo.shop.catalog", n, "GET", "/catalog?page=" + (1 + random.nextInt(5)), random)) {
            boolean hit = random.nextInt(100) < 80;
            (hit ? cacheHits : cacheMisses).increment();
            ctx.set("cacheHit", hit);
            double elapsed = 0.4;
            if (!hit) {
                elapsed += query(ctx, "SELECT * FROM products WHERE page = ?", 20, random);
            }
            ctx.update(fields("status", 200, "elapsedMs", round(elapsed + random.nextDouble() * 2)));
        }
    }

    private void order(long n, SplittableRandom random) {
        try (Context ctx = request("demo.shop.orders", n, "POST", "/orders", random)) {
            Map<String, Object> customer = fields("id", "c-" + (1000 + random.nextInt(9000)),
                    "tier", TIERS.get(random.nextInt(TIERS.size())));
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0, count = 1 + random.nextInt(4); i < count; i++) {
                int qty = 1 + random.nextInt(3);
                double price = 3.5 + random.nextInt(40);
                items.add(fields("sku", SKUS.get(random.nextInt(SKUS.size())), "qty", qty, "price", price));
            }
            double total = Checkout.total(items); // the method the demo's agent probe names
            ctx.update(fields("customer", customer, "items", items, "total", round(total), "currency", "EUR"));
            double elapsed = query(ctx, "INSERT INTO orders (customer, total) VALUES (?, ?)", 1, random);
            DemoPayments.Receipt receipt;
            try {
                receipt = payments.charge(new DemoPayments.Charge("req-" + n, (String) customer.get("id"), round(total), "EUR"));
            } catch (SocketTimeoutException e) {
                errors.incrementAndGet();
                ctx.log().error("payment for {total} {currency} failed", e);
                ctx.update(fields("status", 502, "elapsedMs", round(elapsed + 3000)));
                return;
            }
            boolean declined = receipt.declined();
            ctx.update(fields("payment", receipt.status(), "paymentMs", receipt.authMs()));
            if (declined) {
                ctx.log().warn("payment declined for customer {customer}");
            } else {
                paidOrders.increment();
                revenue.add(total);
            }
            ctx.update(fields("status", declined ? 402 : 201, "elapsedMs", round(elapsed + receipt.authMs())));
        }
    }

    private void lookup(long n, SplittableRandom random) {
        try (Context ctx = request("demo.shop.orders", n, "GET", "/orders/" + (10_000 + random.nextInt(90_000)), random)) {
            double elapsed = query(ctx, "SELECT * FROM orders WHERE id = ?", 1, random);
            boolean found = random.nextInt(100) < 93;
            ctx.update(fields("status", found ? 200 : 404, "elapsedMs", round(elapsed + 0.3)));
        }
    }

    /** A simulated query: its time and rows become fields; a slow one is logged on the request. */
    private static double query(Context ctx, String sql, int maxRows, SplittableRandom random) {
        double ms = 0.8 + random.nextDouble() * random.nextDouble() * 25;
        boolean slow = random.nextInt(200) == 0;
        if (slow) {
            ms += 150 + random.nextInt(200);
        }
        ctx.update(fields("sql", sql, "rows", random.nextInt(maxRows + 1), "dbMs", round(ms)));
        if (slow) {
            ctx.log().warn("slow query ({dbMs} ms): {sql}");
        }
        return ms;
    }

    private void everySecond() {
        long hits = cacheHits.sum();
        long lookups = hits + cacheMisses.sum();
        status.update(fields("requests", requests.get(), "errors", errors.get(), "inFlight", inFlight.get(),
                "cacheHitRate", lookups == 0 ? 0.0 : round(100.0 * hits / lookups),
                "uptime", Duration.ofNanos(System.nanoTime() - started).withNanos(0)));
        long orders = paidOrders.sumThenReset();
        double amount = revenue.sumThenReset();
        Context.builder().telltale(telltale).name("demo.shop.settlement").id("batch-" + settlements.incrementAndGet())
                .fields(fields("orders", orders, "amount", round(amount), "currency", "EUR", "provider", "acmepay"))
                .publish();
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
