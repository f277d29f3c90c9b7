package dev.telltale.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The key layout, the folds and the store logic of {@link SpecLog}, over an in-memory log. */
class SpecLogTest {

    /** A log in memory that records every write, tombstones as {@code key=null}. */
    private static final class MemoryLog extends SpecLog {
        final Map<String, byte[]> folded = new LinkedHashMap<>();
        final List<String> writes = new ArrayList<>();

        @Override
        protected synchronized Map<String, byte[]> current() {
            return new LinkedHashMap<>(folded);
        }

        @Override
        protected synchronized void write(String key, byte[] value) {
            writes.add(key + "=" + (value == null ? null : new String(value, StandardCharsets.UTF_8)));
            if (value == null) {
                folded.remove(key);
            } else {
                folded.put(key, value);
            }
        }

        @Override
        public String address() {
            return "memory:";
        }

        @Override
        public void close() {}
    }

    @Test
    void keys_areSpecAndAppliedPrefixed_processIdKeptWhole() {
        assertEquals("spec/checkout-slow", SpecLog.specKey("checkout-slow"));
        assertEquals("applied/checkout-slow/1234@host/a", SpecLog.appliedKey("checkout-slow", "1234@host/a"));
        assertEquals("applied/x/", SpecLog.appliedKey("x", ""));
    }

    @Test
    void keys_nullId_throwNamingIt() {
        assertEquals("id", assertThrows(NullPointerException.class, () -> SpecLog.specKey(null)).getMessage());
        assertEquals("processId",
                assertThrows(NullPointerException.class, () -> SpecLog.appliedKey("a", null)).getMessage());
    }

    @Test
    void foldStatuses_processIdWithSlash_splitAtFirstSlashAfterSpecId() {
        Map<String, String> log = new LinkedHashMap<>();
        log.put("spec/a", "{\"s\":1}");
        log.put("applied/a/42@host/extra", "{\"p\":1}");
        assertEquals(Map.of("a", Map.of("42@host/extra", "{\"p\":1}")), SpecLog.foldStatuses(log));
    }

    @Test
    void folds_orphanStatusAndMalformedKey_leftOut() {
        Map<String, String> log = new LinkedHashMap<>();
        log.put("spec/a", "A");
        log.put("applied/a/p1", "ok");
        log.put("applied/gone/p1", "orphan");
        log.put("applied/noprocess", "bad");
        log.put("other/key", "ignored");
        assertEquals(Map.of("a", "A"), SpecLog.foldSpecs(log));
        assertEquals(Map.of("a", Map.of("p1", "ok")), SpecLog.foldStatuses(log));
    }

    @Test
    void store_putReportRemove_foldsToCurrentSpecsAndStatuses() throws Exception {
        MemoryLog store = new MemoryLog();
        store.put("a", "A1");
        store.put("b", "B");
        store.put("a", "A2");
        store.report("a", "p1", "ok");
        store.report("a", "p2", "failed");
        store.report("b", "p1", "ok");
        assertEquals(Map.of("a", "A2", "b", "B"), store.specs());
        assertEquals(Map.of("a", Map.of("p1", "ok", "p2", "failed"), "b", Map.of("p1", "ok")), store.statuses());

        store.remove("a");
        assertEquals(Map.of("b", "B"), store.specs());
        assertEquals(Map.of("b", Map.of("p1", "ok")), store.statuses());
        assertTrue(store.writes.containsAll(List.of("applied/a/p1=null", "applied/a/p2=null")), store.writes.toString());
        assertEquals("spec/a=null", store.writes.get(store.writes.size() - 1));
    }

    @Test
    void report_afterSpecRemoved_notListed() throws Exception {
        MemoryLog store = new MemoryLog();
        store.put("a", "A");
        store.remove("a");
        store.report("a", "p1", "ok");
        assertEquals(Map.of(), store.statuses());
        assertEquals(Map.of(), store.specs());
    }

    @Test
    void report_sameStatusTwice_writtenOnce_againAfterRemove() throws Exception {
        MemoryLog store = new MemoryLog();
        store.put("a", "A");
        store.report("a", "p1", "ok");
        store.report("a", "p1", "ok");
        assertEquals(2, store.writes.size(), store.writes.toString());
        store.report("a", "p1", "failed");
        assertEquals(3, store.writes.size(), store.writes.toString());

        store.remove("a");
        store.put("a", "A");
        int before = store.writes.size();
        store.report("a", "p1", "failed");
        assertEquals(before + 1, store.writes.size(), store.writes.toString());
        assertEquals(Map.of("a", Map.of("p1", "failed")), store.statuses());
    }

    @Test
    void nullArguments_throwBeforeWriting() {
        MemoryLog store = new MemoryLog();
        assertThrows(NullPointerException.class, () -> store.put("a", null));
        assertThrows(NullPointerException.class, () -> store.put(null, "A"));
        assertThrows(NullPointerException.class, () -> store.report("a", "p1", null));
        assertThrows(NullPointerException.class, () -> store.remove(null));
        assertEquals(List.of(), store.writes);
    }
}
