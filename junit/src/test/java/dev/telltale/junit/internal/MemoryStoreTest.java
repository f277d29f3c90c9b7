package dev.telltale.junit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryStoreTest {

    private final MemoryStore store = MemoryStore.named("store-test-" + UUID.randomUUID());

    @AfterEach
    void release() {
        MemoryStore.release(store);
    }

    private static List<Event> events(int from, int to) {
        List<Event> events = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            events.add(Event.builder().kind("k").routingKey("r").source("s").seq(i).time(Instant.EPOCH).thread("t")
                    .host("h").build());
        }
        return events;
    }

    private static List<Long> seqs(List<Event> events) {
        return events.stream().map(Event::seq).toList();
    }

    @Test
    void named_sameName_isTheSameStoreUntilReleased() {
        assertSame(store, MemoryStore.named(store.name()));
        assertTrue(MemoryStore.isRegistered(store.name()));

        MemoryStore.release(store);

        assertFalse(MemoryStore.isRegistered(store.name()));
        MemoryStore again = MemoryStore.named(store.name());
        assertNotSame(store, again);
        MemoryStore.release(again);
    }

    @Test
    void capacity_lowered_dropsTheOldestAtOnce() {
        store.addAll(events(1, 5));

        store.capacity(2);

        assertEquals(List.of(4L, 5L), seqs(store.events()));
        assertEquals(3, store.evicted());
        assertEquals("capacity must be at least 1 but was 0",
                assertThrows(IllegalArgumentException.class, () -> store.capacity(0)).getMessage());
    }

    @Test
    void since_aMark_returnsOnlyLaterEventsStillKept() {
        store.capacity(4);
        store.addAll(events(1, 3));
        MemoryStore.Slice first = store.since(0);
        assertEquals(List.of(1L, 2L, 3L), seqs(first.events()));
        assertEquals(3, first.end());

        store.addAll(events(4, 6)); // keeps 3..6

        assertEquals(List.of(4L, 5L, 6L), seqs(store.since(first.end()).events()));
        assertEquals(List.of(3L, 4L, 5L, 6L), seqs(store.since(1).events()), "1 and 2 are gone");
        assertEquals(List.of(), store.since(6).events());
        assertEquals(6, store.since(6).end());
    }

    @Test
    void awaitMoreThan_eventsAddedMeanwhile_returnsTrue() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        Thread adder = new Thread(() -> {
            try {
                waiting.await();
            } catch (InterruptedException e) {
                return;
            }
            store.addAll(events(1, 1));
        });
        adder.start();
        waiting.countDown();

        assertTrue(store.awaitMoreThan(0, TimeUnit.SECONDS.toNanos(10)));
        adder.join();
    }

    @Test
    void awaitMoreThan_nothingAdded_returnsFalseAfterTheTimeout() throws Exception {
        store.addAll(events(1, 2));

        assertFalse(store.awaitMoreThan(2, TimeUnit.MILLISECONDS.toNanos(20)));
        assertTrue(store.awaitMoreThan(1, 0));
    }
}
