package dev.telltale.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The printed objects remembered: exactly {@code capacity}, the oldest forgotten, a reprint counted as new. */
class RecentIdsTest {

    private static RecentIds.Printed printed(long lastSeq) {
        return new RecentIds.Printed(0, 1, lastSeq, List.of(), CollatedObject.Status.FINISHED);
    }

    private static ObjectKey key(String source) {
        return new ObjectKey("box", 1, source);
    }

    @Test
    void holdsExactlyItsCapacity_forgettingTheOldest() {
        RecentIds ids = new RecentIds(3);
        for (String s : List.of("a", "b", "c")) {
            ids.remember(key(s), printed(1));
        }
        assertEquals(3, ids.size());
        assertNotNull(ids.get(key("a")), "three fit in a capacity of three");
        ids.remember(key("d"), printed(1));
        assertEquals(3, ids.size());
        assertNull(ids.get(key("a")));
        assertNotNull(ids.get(key("b")));
    }

    @Test
    void printedAgain_isForgottenLast_withItsNewPrint() {
        RecentIds ids = new RecentIds(3);
        for (String s : List.of("a", "b", "c")) {
            ids.remember(key(s), printed(1));
        }
        ids.remember(key("a"), printed(5)); // a is now the newest
        ids.remember(key("d"), printed(1));
        assertNull(ids.get(key("b")), "b, not a, was the oldest");
        assertEquals(5, ids.get(key("a")).lastSeq());
    }

    @Test
    void keysWhoseHashesCollide_areStillDifferentObjects() {
        // Long.hashCode(0) == Long.hashCode(0x1_0000_0001L): the same hash, different processes
        ObjectKey one = new ObjectKey("box", 0, "c1");
        ObjectKey other = new ObjectKey("box", 0x1_0000_0001L, "c1");
        assertEquals(one.hashCode(), other.hashCode());
        assertNotEquals(one, other);
        assertEquals(one, new ObjectKey("box", 0, "c1"));
    }

    @Test
    void collatedObject_saysWhatItIs() {
        List<CollatedObject> out = Lines.objects(Lines.born("c1", 0, "{}"), Lines.update("c1", 2, 1, "{}"),
                Lines.finished("c1", 3, 2, 0.002), Lines.update("c2", 2, 3, "{}"));
        String finished = out.get(0).toString();
        String partial = out.get(1).toString();
        org.junit.jupiter.api.Assertions.assertTrue(finished.startsWith("CollatedObject{c1 of box-1:4242, shop.request, ")
                && finished.endsWith(", 3 messages}") && !finished.contains("fragment"), finished);
        org.junit.jupiter.api.Assertions.assertTrue(partial.startsWith("CollatedObject{c2 of box-1:4242, shop.request, ")
                && partial.endsWith(", 1 messages}"), partial);
        assertNotEquals(finished.substring(finished.indexOf("request, ")), partial.substring(partial.indexOf("request, ")),
                "the status tells them apart");
    }
}
