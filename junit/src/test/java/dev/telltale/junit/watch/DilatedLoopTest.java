package dev.telltale.junit.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.junit.TelltaleExtension;
import dev.telltale.junit.TelltaleRecorder;
import dev.telltale.watch.LoopWatch;
import dev.telltale.watch.TimeDilation;
import dev.telltale.watch.Watches;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Time dilation from a test that uses the extension: a loop on a dilated scheduler, watched on the
 * test's pipeline, has its lag measured in dilated time, and the dilated clock and schedules move
 * with it.
 */
@Timeout(60)
class DilatedLoopTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    static final TelltaleExtension TELLTALE = TelltaleExtension.builder()
            .set("telltale.watch.lag.interval", "1s")
            .set("telltale.watch.lag.report-interval", "50ms")
            .set("telltale.watch.hang.interval", "1h")
            .set("telltale.watch.hang.dir", "target/dilated-loop-hangs")
            .build();

    @Test
    void loopOnADilatedScheduler_reportsItsLag_onTheTestsPipeline(TelltaleRecorder recorder) throws Exception {
        TimeDilation time = TimeDilation.of(3_600); // a dilated hour in a real second
        ScheduledExecutorService loop = time.newScheduler("dilated-loop");
        try (LoopWatch watch = Watches.of(recorder.telltale()).loop("dilated.loop", loop)) {
            Clock clock = time.clock();
            Instant before = clock.instant();
            ScheduledFuture<String> hourLater = loop.schedule(() -> "an hour later", 1, TimeUnit.HOURS);
            assertEquals("an hour later", hourLater.get(WAIT.toSeconds(), TimeUnit.SECONDS)); // undilated: an hour
            assertTrue(Duration.between(before, clock.instant()).compareTo(Duration.ofHours(1)) >= 0);

            Event lag = recorder.awaitEvent(e -> e.kind().equals("loop.lag") && e.field("count") instanceof Number n
                    && n.longValue() > 0, WAIT); // a lag task every dilated second: every 0.3 ms of real time
            assertEquals("dilated.loop", lag.field("loop"));
            assertEquals(1000.0, ((Number) lag.field("intervalMs")).doubleValue(), "the interval in dilated time");
        } finally {
            loop.shutdownNow();
        }
    }
}
