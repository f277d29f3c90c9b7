package dev.telltale.core.internal.manage;

import dev.telltale.spi.SpecStore;
import java.io.IOException;
import java.util.Map;

/** A memory store that fails every call while {@link #down} is set, as an unreachable broker would. */
final class FlakyStore implements SpecStore {

    final MemorySpecStore inner = new MemorySpecStore("flaky");
    volatile boolean down;
    int calls;

    private void check() throws IOException {
        calls++;
        if (down) {
            throw new IOException("flaky: connection refused");
        }
    }

    @Override
    public String address() {
        return "flaky:test";
    }

    @Override
    public Map<String, String> specs() throws IOException {
        check();
        return inner.specs();
    }

    @Override
    public void put(String id, String json) throws IOException {
        check();
        inner.put(id, json);
    }

    @Override
    public void remove(String id) throws IOException {
        check();
        inner.remove(id);
    }

    @Override
    public void report(String specId, String processId, String json) throws IOException {
        check();
        inner.report(specId, processId, json);
    }

    @Override
    public Map<String, Map<String, String>> statuses() throws IOException {
        check();
        return inner.statuses();
    }

    @Override
    public void close() {}
}
