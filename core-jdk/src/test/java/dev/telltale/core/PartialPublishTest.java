package dev.telltale.core;

import static dev.telltale.core.testing.TestEvents.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.PipelineStats;
import dev.telltale.core.testing.Await;
import dev.telltale.internal.Engine;
import dev.telltale.spi.Backend;
import dev.telltale.spi.BackendConfig;
import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.Envelope;
import dev.telltale.spi.PartialPublishException;
import dev.telltale.spi.Sink;
import dev.telltale.spi.Source;
import dev.telltale.spi.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the pipeline does with a sink that settles part of a batch before the rest fails
 * ({@link PartialPublishException}), and with a sink that says its backend is back ({@link
 * Sink#readyToRetry()}).
 */
@Timeout(60)
class PartialPublishTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final StartedEngines engines = new StartedEngines();

    @AfterEach
    void closeEngines() {
        engines.close();
    }

    @Test
    void partlySettledBatch_onlyTheRestIsRetried_andTheSettledCountedOnce() {
        // the first attempt publishes the even-numbered envelopes, refuses one as too large, then fails
        ScriptedBackend backend = new ScriptedBackend(batch -> {
            BitSet settled = new BitSet();
            for (int i = 0; i < batch.size(); i += 2) {
                settled.set(i);
            }
            throw new PartialPublishException("connection lost (test)", null, settled,
                    new Sink.Outcome(1, 0, "1 too large (test)"));
        });
        Engine engine = start(backend, "telltale.batch.size", "10", "telltale.flush.interval", "1h");
        for (int i = 1; i <= 10; i++) {
            engine.offer(event("s", i, Map.of()));
        }
        assertTrue(engine.flush(WAIT), engine.stats().toString());

        PipelineStats s = engine.stats();
        assertEquals(List.of(10, 5), backend.batchSizes(), "the retry carries only the unsettled half");
        assertEquals(List.of(2L, 4L, 6L, 8L, 10L), backend.seqs(1), "the retry: the odd positions, in order");
        assertEquals(10, s.offered());
        assertEquals(9, s.published(), s.toString()); // 4 of the settled 5, then all 5 retried
        assertEquals(1, s.droppedTooLarge(), s.toString());
        assertEquals(0, s.droppedBackendError(), s.toString());
        assertEquals(s.offered(), s.published() + s.dropped() + s.pending(), s.toString());
    }

    @Test
    void partlySettledBatch_whoseRestKeepsFailing_countsOnlyTheRestAsBackendError() {
        ScriptedBackend backend = new ScriptedBackend(batch -> {
            if (batch.size() == 10) {
                BitSet settled = new BitSet();
                settled.set(0, 3);
                throw new PartialPublishException("connection lost (test)", null, settled, Sink.Outcome.ALL_PUBLISHED);
            }
            throw new IOException("still down (test)");
        }, Integer.MAX_VALUE);
        Engine engine = start(backend, "telltale.batch.size", "10", "telltale.flush.interval", "1h",
                "telltale.retry.attempts", "3");
        for (int i = 1; i <= 10; i++) {
            engine.offer(event("s", i, Map.of()));
        }
        assertTrue(engine.flush(WAIT), engine.stats().toString());

        PipelineStats s = engine.stats();
        assertEquals(List.of(10, 7, 7), backend.batchSizes(), "3 attempts, the last two without the settled 3");
        assertEquals(3, s.published(), s.toString());
        assertEquals(7, s.droppedBackendError(), s.toString());
        assertEquals(s.offered(), s.published() + s.dropped() + s.pending(), s.toString());
    }

    @Test
    void sinkReadyToRetry_endsTheBackoffEarly() {
        ScriptedBackend backend = new ScriptedBackend(batch -> {
            throw new IOException("down (test)");
        });
        // a backoff far longer than the wait below: only readyToRetry can end it in time
        Engine engine = start(backend, "telltale.retry.backoff", "1h", "telltale.retry.max-backoff", "1h",
                "telltale.flush.interval", "10ms");
        engine.offer(event("s", 1, Map.of()));
        Await.until(() -> backend.publishCalls() == 1, WAIT, () -> "the first, failing attempt");

        backend.ready = true;
        backend.unparkPublisher();
        Await.until(() -> engine.stats().published() == 1, WAIT,
                () -> "the retry before the backoff ends: " + engine.stats() + ", calls " + backend.publishCalls());
        assertEquals(2, backend.publishCalls());
    }

    /** An engine whose retries back off 1 ms, unless {@code settings} say otherwise. */
    private Engine start(Backend backend, String... settings) {
        List<String> all = new ArrayList<>(List.of("telltale.retry.backoff", "1ms", "telltale.retry.max-backoff", "1ms"));
        all.addAll(List.of(settings));
        return engines.start(backend, all.toArray(String[]::new));
    }

    /** What the first (or the first {@code failures}) publish calls do instead of accepting. */
    private interface Script {
        void fail(List<Envelope> batch) throws Exception;
    }

    /** A backend whose sink records every batch, fails as scripted, then accepts. */
    private static final class ScriptedBackend implements Backend {

        private final Script script;
        private final int failures;
        private final List<List<Envelope>> batches = Collections.synchronizedList(new ArrayList<>());
        private final AtomicInteger calls = new AtomicInteger();
        volatile boolean ready;
        private volatile Thread publisher;

        ScriptedBackend(Script script) {
            this(script, 1);
        }

        ScriptedBackend(Script script, int failures) {
            this.script = script;
            this.failures = failures;
        }

        int publishCalls() {
            return calls.get();
        }

        List<Integer> batchSizes() {
            List<Integer> sizes = new ArrayList<>();
            synchronized (batches) {
                batches.forEach(b -> sizes.add(b.size()));
            }
            return sizes;
        }

        /** The sequence numbers of the events in the {@code index}th batch. */
        List<Long> seqs(int index) {
            List<Long> seqs = new ArrayList<>();
            for (Envelope e : batches.get(index)) {
                String json = new String(e.payload(), StandardCharsets.UTF_8);
                int at = json.indexOf("\"seq\":") + 6;
                int end = at;
                while (end < json.length() && Character.isDigit(json.charAt(end))) {
                    end++;
                }
                seqs.add(Long.parseLong(json.substring(at, end)));
            }
            return seqs;
        }

        void unparkPublisher() {
            Thread t = publisher;
            if (t != null) {
                java.util.concurrent.locks.LockSupport.unpark(t);
            }
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public List<ConfigKey> keys() {
            return List.of();
        }

        @Override
        public List<ConfigKey> subscriptionOptions() {
            return List.of();
        }

        @Override
        public Sink openSink(BackendConfig config) {
            return new Sink() {
                @Override
                public Outcome publish(List<Envelope> batch) throws Exception {
                    publisher = Thread.currentThread();
                    batches.add(List.copyOf(batch));
                    if (calls.incrementAndGet() <= failures) {
                        script.fail(batch);
                    }
                    return Outcome.ALL_PUBLISHED;
                }

                @Override
                public boolean readyToRetry() {
                    return ready;
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public Source openSource(BackendConfig config, Subscription subscription) {
            throw new UnsupportedOperationException("no source (test)");
        }
    }
}
