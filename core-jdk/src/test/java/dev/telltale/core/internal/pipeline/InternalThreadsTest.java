package dev.telltale.core.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InternalThreadsTest {

    private static Thread named(String name) {
        return new Thread(() -> { }, name);
    }

    @Test
    void addPrefix_sameTwice_keepsOneAndAnswersTheSame() {
        InternalThreads internal = new InternalThreads();
        for (int attempt = 0; attempt < 5; attempt++) { // a backend declaring its prefix at every open
            internal.addPrefix("kafka-producer-network-thread | telltale-h-1");
        }
        assertEquals(1, internal.prefixCount());
        assertTrue(internal.isInternal(named("kafka-producer-network-thread | telltale-h-1")));
        assertFalse(internal.isInternal(named("kafka-producer-network-thread | other")));
    }

    @Test
    void addPrefix_alreadyCoveredByAShorterOne_addsNothing() {
        InternalThreads internal = new InternalThreads();
        internal.addPrefix("amqp-");
        internal.addPrefix("amqp-connection-");
        assertEquals(1, internal.prefixCount());
        assertTrue(internal.isInternal(named("amqp-connection-1")));
    }

    @Test
    void addPrefix_differentOnes_keepsEach() {
        InternalThreads internal = new InternalThreads();
        internal.addPrefix("a-");
        internal.addPrefix("b-");
        internal.addPrefix("a-");
        assertEquals(2, internal.prefixCount());
        assertTrue(internal.isInternal(named("a-1")));
        assertTrue(internal.isInternal(named("b-1")));
        assertFalse(internal.isInternal(named("c-1")));
    }

    @Test
    void addPrefix_shorterAfterLonger_stillMatchesBoth() {
        InternalThreads internal = new InternalThreads();
        internal.addPrefix("pool-worker-");
        internal.addPrefix("pool-");
        assertTrue(internal.isInternal(named("pool-worker-3")));
        assertTrue(internal.isInternal(named("pool-7")));
        assertFalse(internal.isInternal(named("poo")));
    }

    @Test
    void addPrefix_empty_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InternalThreads().addPrefix(""));
    }

    @Test
    void isInternal_threadsOfTheFactory_areInternalWithoutAnyPrefix() {
        InternalThreads internal = new InternalThreads();
        assertTrue(internal.isInternal(InternalThreads.factory("x").newThread(() -> { })));
        assertFalse(internal.isInternal(named("telltale-x-1")), "the name alone does not make a thread internal");
    }
}
