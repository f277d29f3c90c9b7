package dev.telltale.core.internal.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    void of_twoKindsSharingASlot_eachGetsItsOwnName_inTurn() {
        String other = sharingASlot("shop", "order.placed", true);
        EventNames names = new EventNames();
        for (int round = 0; round < 3; round++) {
            assertEquals("shop order.placed", names.of("shop", "order.placed"));
            assertEquals("shop " + other, names.of("shop", other));
        }
    }

    @Test
    void of_twoRoutingKeysSharingASlot_eachGetsItsOwnName_inTurn() {
        String other = sharingASlot("shop", "order.placed", false);
        EventNames names = new EventNames();
        for (int round = 0; round < 3; round++) {
            assertEquals("shop order.placed", names.of("shop", "order.placed"));
            assertEquals(other + " order.placed", names.of(other, "order.placed"));
        }
    }

    @Test
    void of_aServicesPairs_mostlyKeepTheirInstance_soJfrFindsThemWithoutHashing() {
        List<String> keys = List.of("shop.orders", "shop.catalog", "shop.payments", "shop.status", "db.queries",
                "http.server", "http.client", "cache");
        List<String> kinds = List.of("context.born", "context.update", "context.finished", "context.log",
                "order.placed", "order.paid", "request.done", "event");
        EventNames names = new EventNames();
        Map<String, String> first = new HashMap<>();
        for (String key : keys) {
            for (String kind : kinds) {
                first.put(key + " " + kind, names.of(key, kind));
            }
        }
        int kept = 0;
        for (String key : keys) {
            for (String kind : kinds) {
                kept += first.get(key + " " + kind) == names.of(key, kind) ? 1 : 0;
            }
        }
        assertTrue(kept >= 56, kept + " of 64 pairs kept their name instance");
    }

    /** Another kind (or routing key) whose pair with the other part shares the slot of {@code key kind}. */
    private static String sharingASlot(String key, String kind, boolean varyKind) {
        for (int i = 0; i < 100_000; i++) {
            String candidate = "k" + i;
            int slot = varyKind ? EventNames.slot(key, candidate) : EventNames.slot(candidate, kind);
            if (slot == EventNames.slot(key, kind)) {
                return candidate;
            }
        }
        throw new AssertionError("no pair sharing the slot of " + key + " " + kind);
    }
}
