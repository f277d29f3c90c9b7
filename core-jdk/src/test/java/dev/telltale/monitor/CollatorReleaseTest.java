package dev.telltale.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every way an object leaves the collator (timed out by stream time, timed out while the input is
 * idle, or at the end of the input) gives back the bytes it held, so the byte bound keeps meaning
 * what is open now.
 */
class CollatorReleaseTest {

    private static final String BIG = "x".repeat(4000);

    private final MessageDecoder decoder = new MessageDecoder(List.of(), false, new Counters(), m -> { });

    private Message decode(String line, long n) {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(bytes, 0, bytes.length, false, null, Map.of(), "gen", n);
    }

    private static Collator collator() {
        return new Collator(Duration.ofMinutes(1).toNanos(), 1000, 1L << 30, 0, new Counters());
    }

    @Test
    void timedOutByStreamTime_givesBackItsBytes() {
        Collator collator = collator();
        List<CollatedObject> out = new ArrayList<>();
        collator.accept(decode(Lines.born("small", 0, "{}"), 1), out::add);
        long small = collator.heldBytes();
        collator.accept(decode(Lines.born("big", 1, "{\"big\":\"" + BIG + "\"}"), 2), out::add);
        assertTrue(collator.heldBytes() >= small + BIG.length(), String.valueOf(collator.heldBytes()));

        // two minutes of stream time later both are past the one minute timeout
        collator.accept(decode(Lines.born("late", 120_000, "{}"), 3), out::add);
        assertEquals(List.of("small", "big"), out.stream().map(CollatedObject::id).toList());
        assertEquals(1, collator.live());
        assertTrue(collator.heldBytes() > 0 && collator.heldBytes() < BIG.length(),
                "only 'late' is held: " + collator.heldBytes());
    }

    @Test
    void timedOutWhileIdle_givesBackItsBytes() {
        Collator collator = collator();
        List<CollatedObject> out = new ArrayList<>();
        collator.accept(decode(Lines.born("big", 0, "{\"big\":\"" + BIG + "\"}"), 1), out::add);
        collator.idle(Duration.ofSeconds(30).toNanos(), out::add);
        assertEquals(List.of(), out, "half the timeout");
        collator.idle(Duration.ofSeconds(31).toNanos(), out::add);
        assertEquals(1, out.size());
        assertEquals(0, collator.live());
        assertEquals(0, collator.heldBytes());
    }

    @Test
    void endOfInput_givesOutEverything_andHoldsNothing() {
        Collator collator = collator();
        List<CollatedObject> out = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            collator.accept(decode(Lines.born("c" + i, i, "{\"big\":\"" + BIG + "\"}"), i + 1), out::add);
        }
        assertEquals(5, collator.live());
        collator.end(out::add);
        assertEquals(5, out.size());
        assertEquals(0, collator.live());
        assertEquals(0, collator.heldBytes());
    }
}
