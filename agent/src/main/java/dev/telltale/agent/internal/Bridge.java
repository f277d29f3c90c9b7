package dev.telltale.agent.internal;

import dev.telltale.agent.bridge.Dispatch;
import dev.telltale.agent.bridge.Hooks;
import dev.telltale.core.internal.probe.Weaving;

/**
 * The agent's side of the bootstrap bridge: a {@link Dispatch} that forwards every hook to the
 * core's probe point of that number ({@link Weaving}). Loaded only once the bridge is on the
 * bootstrap search path, so that {@link Hooks} here is the bootstrap loader's.
 */
final class Bridge extends Dispatch {

    private Bridge() {}

    static void install() {
        Hooks.install(new Bridge());
    }

    /** The bridge's module (the bootstrap loader's unnamed module), which rewritten classes must read. */
    static Module module() {
        return Hooks.class.getModule();
    }

    @Override
    public long enter(int site, Object self, Object[] args) {
        return Weaving.enter(site, self, args);
    }

    @Override
    public long enterLean(int site) {
        return Weaving.enterLean(site);
    }

    @Override
    public void exit(int site, long start, Object self, Object[] args, Object result) {
        Weaving.exit(site, start, self, args, result);
    }

    @Override
    public void exitLean(int site, long start) {
        Weaving.exitLean(site, start);
    }

    @Override
    public void fail(int site, long start, Object self, Object[] args, Throwable error) {
        Weaving.fail(site, start, self, args, error);
    }

    @Override
    public void failLean(int site, long start, Throwable error) {
        Weaving.failLean(site, start, error);
    }
}
