package dev.telltale.core.internal.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** The names JFR copies carry: one instance per routing key and kind, so JFR pools them. */
class EventNamesTest {

    @Test
    void of_joinsTheRoutingKeyAndTheKind_withASpace() {
        assertEquals("shop.orders order.placed", new EventNames().of("shop.orders", "order.placed"));
    }

    @Test
    void of_samePairAgain_givesTheSameInstance_evenFromEqualButNotIdenticalStrings() {
        EventNames names = new EventNames();
        String first = names.of("shop.orders", "order.placed");
        String key = new String("shop.orders");
        String kind = new String("order.placed");
        assertSame(first, names.of(key, kind));
        assertSame(first, names.of("shop.orders", "order.placed"));
    }

    @Test
    void of_pairsDifferingInEitherPart_getTheirOwnNames() {
        EventNames names = new EventNames();
        assertEquals("a.b x", names.of("a.b", "x"));
        assertEquals("a.b y", names.of("a.b", "y"));
        assertEquals("a.c x", names.of("a.c", "x"));
        assertEquals("a.b x", names.of("a.b", "x"));
    }

    @Test
    void of_twoPairsSharingASlot_eachGetsItsOwnName_inTurn() {
        String kind = "order.placed";
        String other = null;
        for (int i = 0; other == null && i < 100_000; i++) {
            String candidate = "k" + i;
            if (!candidate.equals(kind) && EventNames.slot("shop", candidate) == EventNames.slot("shop", kind)) {
                other = candidate;
            }
        }
        assertNotEquals(null, other, "a kind that shares the slot of shop order.placed");
        EventNames names = new EventNames();
        for (int round = 0; round < 3; round++) {
            assertEquals("shop order.placed", names.of("shop", kind));
            assertEquals("shop " + other, names.of("shop", other));
        }
    }
}
