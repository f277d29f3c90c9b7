package dev.telltale.core.internal.probe.expr;

import java.util.Arrays;

/** A call as the tests set it up; reads of parts a test did not set are counted as mistakes. */
final class FakeScope implements Scope {

    private Object self;
    private Object[] args = {};
    private String[] names = {};
    private Object result;
    private Throwable exception;
    private long elapsedNanos;
    private Thread thread = Thread.currentThread();

    static FakeScope of(Object... args) {
        FakeScope scope = new FakeScope();
        scope.args = args.clone();
        return scope;
    }

    FakeScope names(String... names) {
        this.names = names.clone();
        return this;
    }

    FakeScope self(Object self) {
        this.self = self;
        return this;
    }

    FakeScope result(Object result) {
        this.result = result;
        return this;
    }

    FakeScope exception(Throwable exception) {
        this.exception = exception;
        return this;
    }

    FakeScope elapsed(long nanos) {
        this.elapsedNanos = nanos;
        return this;
    }

    FakeScope thread(Thread thread) {
        this.thread = thread;
        return this;
    }

    @Override
    public Object self() {
        return self;
    }

    @Override
    public int argCount() {
        return args.length;
    }

    @Override
    public Object arg(int index) {
        return args[index];
    }

    @Override
    public int parameterIndex(String name) {
        return Arrays.asList(names).indexOf(name);
    }

    @Override
    public Object result() {
        return result;
    }

    @Override
    public Throwable exception() {
        return exception;
    }

    @Override
    public long elapsedNanos() {
        return elapsedNanos;
    }

    @Override
    public Thread thread() {
        return thread;
    }
}
