package dev.telltale.internal;

import dev.telltale.watch.NamedTask;

/**
 * Readable names for tasks in slow-task reports. In order: a {@code String} task (a loop's turn)
 * is its own name; the name a {@link NamedTask} gives;
 * through Telltale's own wrappers ({@link Wrapper}) to the task inside; for a lambda or a JDK
 * class (a {@code FutureTask}, a {@code CompletableFuture} step) with the worker's stack at
 * hand, the first frame of application code above the watched task's frame ({@code
 * Shop.restock} for a method reference, {@code Shop.checkout (lambda)} for a lambda written in
 * {@code checkout}); without a stack, {@code Shop (lambda)} for a lambda; else the class's name
 * without its package.
 *
 * <p>Called on the watcher thread, only for slow tasks; never throws (fatal errors aside).
 */
public final class TaskNames {

    /** Implemented by Telltale's own task wrappers, so names are taken from what they wrap. */
    public interface Wrapper {
        /** The wrapped task. */
        Object wrapped();
    }

    private static final int MAX_CHARS = 200;
    private static final String DECORATOR_PREFIX = "dev.telltale.watch.Watched";
    /** Tracing's wrappers that carry the current span to the worker: frames of no application code. */
    private static final String CARRIER_PREFIX = "dev.telltale.trace.Carried";

    private TaskNames() {}

    /** The name of {@code task}; {@code stack}, the running thread's stack, may be null. */
    public static String of(Object task, StackTraceElement[] stack) {
        try {
            return name(task, stack, 0);
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            return task == null ? "unknown" : task.getClass().getName();
        }
    }

    /**
     * Checks the name of a loop's turn ({@link dev.telltale.watch.LoopWatch#beat(String)}).
     *
     * @throws NullPointerException if {@code turn} is null
     * @throws IllegalArgumentException if {@code turn} is blank
     */
    public static String checkTurn(String turn) {
        if (turn == null) {
            throw new NullPointerException("turn == null");
        }
        if (turn.isBlank()) {
            throw new IllegalArgumentException("blank turn name: beat(String) needs a name, or call beat()");
        }
        return turn;
    }

    private static String name(Object task, StackTraceElement[] stack, int depth) {
        if (task == null) {
            return "unknown";
        }
        if (task instanceof String given) { // a loop's turn: the name its beat gave
            return given.length() > MAX_CHARS ? given.substring(0, MAX_CHARS) : given;
        }
        if (task instanceof Wrapper w && depth < 16) {
            return name(w.wrapped(), stack, depth + 1);
        }
        if (task instanceof NamedTask named) {
            String n = given(named);
            if (n != null) {
                return n;
            }
        }
        Class<?> c = task.getClass();
        String className = c.getName();
        int lambda = className.indexOf("$$Lambda");
        boolean jdk = className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.");
        if ((lambda >= 0 || jdk) && stack != null) {
            String fromStack = fromStack(stack);
            if (fromStack != null) {
                return fromStack;
            }
        }
        if (lambda >= 0) {
            return simple(className.substring(0, lambda)) + " (lambda)";
        }
        return simple(className);
    }

    private static String given(NamedTask named) {
        try {
            String n = named.taskName();
            if (n == null || n.isBlank()) {
                return null;
            }
            n = n.strip();
            return n.length() > MAX_CHARS ? n.substring(0, MAX_CHARS) : n;
        } catch (Throwable t) {
            Fatal.propagateIfFatal(t);
            return null;
        }
    }

    /** The application frame just above the innermost watched-task frame, or null. */
    private static String fromStack(StackTraceElement[] stack) {
        int decorator = -1;
        for (int i = 0; i < stack.length; i++) {
            if (stack[i].getClassName().startsWith(DECORATOR_PREFIX)) {
                decorator = i;
                break;
            }
        }
        for (int i = decorator - 1; i >= 0; i--) {
            String cls = stack[i].getClassName();
            if (cls.startsWith("java.") || cls.startsWith("jdk.") || cls.startsWith("sun.")
                    || cls.startsWith("dev.telltale.watch.") || cls.startsWith("dev.telltale.internal.")
                    || cls.startsWith(CARRIER_PREFIX) || cls.contains("$$Lambda")) {
                continue;
            }
            return frameName(cls, stack[i].getMethodName());
        }
        return null;
    }

    /** {@code Shop.restock}, or {@code Shop.checkout (lambda)} for {@code lambda$checkout$0}. */
    static String frameName(String className, String method) {
        String owner = simple(className);
        if (method.startsWith("lambda$")) {
            int end = method.indexOf('$', 7);
            String enclosing = end > 7 ? method.substring(7, end) : method.substring(7);
            return owner + "." + enclosing + " (lambda)";
        }
        return owner + "." + method;
    }

    /** The class name without its package. */
    static String simple(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(dot + 1);
    }
}
