package dev.telltale.core.internal.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.Telltale;
import dev.telltale.core.testing.Await;
import dev.telltale.watch.TimeDilation;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class LagTest {

    @TempDir
    Path dir;

    private ScheduledExecutorService loop;
    private Watched w;

    @AfterEach
    void stop() {
        if (loop != null) {
            loop.shutdownNow();
        }
        if (w != null) {
            w.close();
        }
    }

    private Watched watched(String... more) {
        List<String> all = new ArrayList<>(List.of("telltale.watch.lag.interval", "10ms",
                "telltale.watch.lag.report-interval", "50ms", "telltale.watch.hang.dir", dir.toString(),
                "telltale.watch.hang.interval", "1h"));
        all.addAll(List.of(more));
        return new Watched(all.toArray(String[]::new));
    }

    private List<Event> lagEvents() {
        return w.events("loop.lag");
    }

    @Test
    void lag_isPublishedAsAHistogram_perReportInterval() {
        w = watched();
        loop = Executors.newSingleThreadScheduledExecutor();
        w.watches.loop("shop.loop", loop);
        Await.until(() -> lagEvents().stream().anyMatch(e -> ((Number) e.fields().get("count")).longValue() > 0),
                Watched.WAIT, () -> "a loop.lag event with measurements");
        Event e = lagEvents().stream().filter(x -> ((Number) x.fields().get("count")).longValue() > 0).findFirst().get();
        assertEquals("shop.loop", e.routingKey());
        assertEquals("shop.loop", e.fields().get("loop"));
        assertEquals(10.0, ((Number) e.fields().get("intervalMs")).doubleValue());
        for (String key : List.of("min_ns", "mean_ns", "p50_ns", "p90_ns", "p99_ns", "p999_ns", "max_ns", "sum_ns")) {
            assertTrue(e.fields().containsKey(key), key + " in " + e.fields());
        }
        long min = ((Number) e.fields().get("min_ns")).longValue();
        long max = ((Number) e.fields().get("max_ns")).longValue();
        assertTrue(min >= 0 && min <= max, e.fields().toString());
    }

    @Test
    void blockedLoop_showsItsLag() {
        w = watched();
        loop = Executors.newSingleThreadScheduledExecutor();
        w.watches.loop("late.loop", loop);
        Await.until(() -> !lagEvents().isEmpty(), Watched.WAIT, () -> "a first report");
        CountDownLatch blocked = new CountDownLatch(1);
        loop.execute(() -> {
            long start = System.nanoTime();
            blocked.countDown();
            while (System.nanoTime() - start < 200_000_000L) {
                Thread.onSpinWait(); // the loop is busy for 200 ms
            }
        });
        Await.until(() -> lagEvents().stream().anyMatch(e -> e.fields().get("max_ns") instanceof Number n
                && n.longValue() >= 100_000_000L), Watched.WAIT, () -> "a lag of at least 100 ms in " + lagEvents());
    }

    @Test
    void dilatedLoop_reportsLagInDilatedTime() {
        w = watched();
        TimeDilation time = TimeDilation.of(10);
        loop = w.watches.watch("dilated.loop", time.newScheduler("dilated-loop"));
        w.watches.loop("dilated.loop", loop);
        Await.until(() -> !lagEvents().isEmpty(), Watched.WAIT, () -> "a first report");
        loop.execute(() -> {
            long start = System.nanoTime();
            while (System.nanoTime() - start < 60_000_000L) {
                Thread.onSpinWait(); // 60 ms of real time is 600 ms at dilation 10
            }
        });
        Await.until(() -> lagEvents().stream().anyMatch(e -> e.fields().get("max_ns") instanceof Number n
                && n.longValue() >= 500_000_000L), Watched.WAIT, () -> "a lag of at least 500 ms dilated in " + lagEvents());
    }

    @Test
    void statsd_receivesEveryLagAsATimer_overUdp() throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            server.setSoTimeout(20_000);
            w = watched("telltale.watch.statsd", "127.0.0.1:" + server.getLocalPort(), "telltale.watch.statsd.prefix", "shop");
            loop = Executors.newSingleThreadScheduledExecutor();
            w.watches.loop("checkout loop", loop);
            byte[] buf = new byte[2048];
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            server.receive(packet);
            assertTrue(packet.getLength() <= StatsdClient.MAX_DATAGRAM);
            String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                assertTrue(line.matches("shop\\.checkout_loop\\.lag:\\d+\\.\\d{3}\\|ms"), line);
            }
        }
    }

    @Test
    void statsdClient_splitsLinesIntoDatagramsThatFit() throws Exception {
        try (DatagramSocket server = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                StatsdClient client = new StatsdClient(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()))) {
            server.setSoTimeout(20_000);
            List<Long> values = new ArrayList<>();
            for (long i = 0; i < 300; i++) {
                values.add(i * 1_000_000L + 1_234L);
            }
            client.timings("a.b.lag", values);
            List<String> lines = new ArrayList<>();
            byte[] buf = new byte[4096];
            while (lines.size() < 300) {
                DatagramPacket packet = new DatagramPacket(buf, buf.length);
                server.receive(packet);
                assertTrue(packet.getLength() <= StatsdClient.MAX_DATAGRAM, "datagram of " + packet.getLength());
                lines.addAll(List.of(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8).split("\n")));
            }
            assertEquals("a.b.lag:0.001|ms", lines.get(0));
            assertEquals("a.b.lag:299.001|ms", lines.get(299));
        }
    }

    @Test
    void statsdTarget_isParsed_andBadOnesNamed() throws Exception {
        assertEquals(8125, StatsdClient.parse("localhost:8125").getPort());
        assertEquals(InetAddress.getByName("::1"), StatsdClient.parse("[::1]:8125").getAddress());
        for (String bad : List.of("localhost", "localhost:", ":8125", "localhost:x", "localhost:70000")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StatsdClient.parse(bad));
            assertTrue(e.getMessage().startsWith("telltale.watch.statsd: "), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Telltale.builder()
                .readEnvironment(false).shutdownHook(false).set("telltale.watch.statsd", "nohost").build());
        assertTrue(e.getMessage().contains("telltale.watch.statsd"), e.getMessage());
        assertEquals("p.a_b.c-d.lag", StatsdClient.metric("p", "a b.c-d", "lag"));
        assertEquals("x.lag", StatsdClient.metric("", "x", "lag"));
    }

    @Test
    void jfr_recordsLagOnTheLoopsThread(@TempDir Path jfrDir) throws Exception {
        Path file = jfrDir.resolve("lag.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("dev.telltale.LoopLag");
            recording.start();
            w = watched();
            loop = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "lag-loop"));
            w.watches.loop("jfr.loop", loop);
            Await.until(() -> lagEvents().stream().anyMatch(e -> ((Number) e.fields().get("count")).longValue() > 0),
                    Watched.WAIT, () -> "lag measured");
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(e -> e.getEventType().getName().equals("dev.telltale.LoopLag")).toList();
        assertFalse(events.isEmpty());
        RecordedEvent first = events.get(0);
        assertEquals("jfr.loop", first.getString("loop"));
        assertEquals("lag-loop", first.getThread().getJavaName());
        assertEquals(10, first.getDuration("interval").toMillis());
    }
}
