package dev.telltale.agent.internal;

import dev.telltale.agent.bridge.Dispatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Dispatch} that records every hook call for the rewriter contract. Each enter returns
 * a new start (1000, 1001, ...) so a test can see that exit and fail get the start of their own
 * call. It can be told to throw from one hook, as a breakpoint may.
 */
final class RecordingDispatch extends Dispatch {

    /**
     * One hook call: {@code hook} is the Hooks method's name, {@code value} the result (exit) or
     * the error (fail); {@code args} a copy, null for the lean hooks; {@code selfText} what the
     * receiver's {@code toString()} said at the time.
     */
    record Call(String hook, int site, long start, Object self, String selfText, List<Object> args,
            Object value, boolean selfLocked) {

        /** Hook name and site, the shape most tests compare. */
        String brief() {
            return hook + " " + site;
        }
    }

    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong starts = new AtomicLong(1000);
    private volatile String throwFrom;
    private volatile RuntimeException toThrow;

    /** The next call of {@code hook} (e.g. {@code "exit"}) throws {@code e}; later ones do not. */
    void throwOnce(String hook, RuntimeException e) {
        this.toThrow = e;
        this.throwFrom = hook;
    }

    void clear() {
        calls.clear();
    }

    List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    List<String> briefs() {
        return calls().stream().map(Call::brief).toList();
    }

    @Override
    public long enter(int site, Object self, Object[] args) {
        long start = starts.getAndIncrement();
        record("enter", site, start, self, args, null);
        return start;
    }

    @Override
    public long enterLean(int site) {
        long start = starts.getAndIncrement();
        record("enterLean", site, start, null, null, null);
        return start;
    }

    @Override
    public void exit(int site, long start, Object self, Object[] args, Object result) {
        record("exit", site, start, self, args, result);
    }

    @Override
    public void exitLean(int site, long start) {
        record("exitLean", site, start, null, null, null);
    }

    @Override
    public void fail(int site, long start, Object self, Object[] args, Throwable error) {
        record("fail", site, start, self, args, error);
    }

    @Override
    public void failLean(int site, long start, Throwable error) {
        record("failLean", site, start, null, null, error);
    }

    private void record(String hook, int site, long start, Object self, Object[] args, Object value) {
        // List.of refuses nulls; the arguments may hold some
        List<Object> copy = args == null ? null : Collections.unmodifiableList(Arrays.asList(args.clone()));
        calls.add(new Call(hook, site, start, self, self == null ? null : String.valueOf(self), copy, value,
                self != null && Thread.holdsLock(self)));
        if (hook.equals(throwFrom)) {
            RuntimeException e = toThrow;
            throwFrom = null;
            throw e;
        }
    }
}
