package dev.telltale.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Collation is bounded by the estimated bytes of the open objects too, not only by their count. */
class CollatorBytesTest {

    private static final long MAX_BYTES = 1 << 20;
    private static final String BIG = "x".repeat(4000);

    private final MessageDecoder decoder = new MessageDecoder(List.of(), false, new Counters(), m -> { });

    private Message decode(String line, long n) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(bytes, 0, bytes.length, false, null, Map.of(), "gen", n);
    }

    @Test
    void manyOpenObjectsWithBigFields_areEvictedByBytes_quietestFirst() {
        Collator collator = new Collator(Duration.ofMinutes(5).toNanos(), 100_000, MAX_BYTES,
                Duration.ofSeconds(2).toNanos(), new Counters());
        List<CollatedObject> out = new ArrayList<>();
        int objects = 20_000; // about 80 MB of field text, never finished
        long maxHeld = 0;
        for (int i = 0; i < objects; i++) {
            collator.accept(decode(Lines.born("ctx-" + i, i, "{\"big\":\"" + BIG + "\"}"), i), out::add);
            maxHeld = Math.max(maxHeld, collator.heldBytes());
        }

        assertTrue(maxHeld <= MAX_BYTES, "held " + maxHeld);
        assertTrue(collator.live() < 1000, "open: " + collator.live());
        assertEquals(objects - collator.live(), out.size());
        assertEquals("ctx-0", out.get(0).id());
        assertEquals("ctx-1", out.get(1).id());
        assertTrue(out.stream().allMatch(o -> o.status() == CollatedObject.Status.INCOMPLETE));
        assertEquals(BIG, out.get(0).fields().get("big"));
    }

    @Test
    void heldBytes_growWithFieldsAndShrinkWhenObjectsLeave() {
        Collator collator = new Collator(Duration.ofMinutes(5).toNanos(), 100_000, MAX_BYTES,
                Duration.ofSeconds(2).toNanos(), new Counters());
        collator.accept(decode(Lines.born("a", 0, "{}"), 1), o -> { });
        long small = collator.heldBytes();
        collator.accept(decode(Lines.update("a", 2, 1, "{\"big\":\"" + BIG + "\"}"), 2), o -> { });
        long big = collator.heldBytes();
        collator.accept(decode(Lines.update("a", 3, 2, "{\"big\":\"small\"}"), 3), o -> { });
        long replaced = collator.heldBytes();
        collator.accept(decode(Lines.finished("a", 4, 3, 0.003), 4), o -> { });

        assertTrue(big >= small + BIG.length(), small + " then " + big);
        assertTrue(replaced < big - BIG.length() / 2, big + " then " + replaced);
        assertEquals(0, collator.heldBytes());
    }

    @Test
    void maxLiveBytes_isAnOption_withADefaultThatFitsTheLaunchersHeap() {
        assertEquals(128L << 20, MonitorOptions.builder().build().maxLiveBytes());
        assertEquals(4096, MonitorOptions.builder().maxLiveBytes(4096).build().maxLiveBytes());
        assertThrows(IllegalArgumentException.class, () -> MonitorOptions.builder().maxLiveBytes(0));
    }
}
