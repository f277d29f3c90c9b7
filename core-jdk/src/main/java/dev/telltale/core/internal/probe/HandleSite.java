package dev.telltale.core.internal.probe;

import dev.telltale.probe.Target;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;
import java.util.List;

/**
 * An instrumented method handle: a {@link MutableCallSite} of the target's type whose target is
 * the original handle while nothing is armed (so a probe without active instruments costs what
 * the call site's indirection costs once inlined: about nothing), and a combinator around it
 * calling the {@link Site} while something is. Two combinators: lean (no arguments or result are
 * captured, for counters and timers: nothing is allocated) and full (arguments collected into an
 * array, the result boxed). The handle's receiver, if any, is its first argument.
 */
final class HandleSite {

    private static final MethodHandle ENTER_LEAN;
    private static final MethodHandle ENTER_FULL;
    private static final MethodHandle EXIT_LEAN;
    private static final MethodHandle EXIT_FULL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            ENTER_LEAN = l.findStatic(HandleSite.class, "enterLean", MethodType.methodType(long.class, Site.class));
            ENTER_FULL = l.findStatic(HandleSite.class, "enterFull",
                    MethodType.methodType(long.class, Site.class, Object[].class));
            EXIT_LEAN = l.findStatic(HandleSite.class, "exitLean",
                    MethodType.methodType(void.class, Site.class, Throwable.class, long.class));
            EXIT_FULL = l.findStatic(HandleSite.class, "exitFull", MethodType.methodType(void.class, Site.class,
                    Throwable.class, Object.class, long.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MethodHandle original;
    private final MutableCallSite callSite;
    private final MethodHandle invoker;
    private final Site site;
    private MethodHandle lean; // guarded by the registry's lock
    private MethodHandle full; // guarded by the registry's lock

    HandleSite(Target target, MethodHandle original) {
        this.original = original;
        this.callSite = new MutableCallSite(original);
        this.invoker = callSite.dynamicInvoker();
        this.site = new Site(target, null, this::swap);
    }

    Site site() {
        return site;
    }

    /** The handle users call. */
    MethodHandle invoker() {
        return invoker;
    }

    /** The call site's current target; for tests. */
    MethodHandle current() {
        return callSite.getTarget();
    }

    /** Points the call site at what the site's mode needs. Under the registry's lock. */
    private void swap() {
        MethodHandle next;
        switch (site.mode()) {
            case OFF:
                next = original;
                break;
            case LEAN:
                if (lean == null) {
                    lean = build(false);
                }
                next = lean;
                break;
            default:
                if (full == null) {
                    full = build(true);
                }
                next = full;
        }
        callSite.setTarget(next);
        MutableCallSite.syncAll(new MutableCallSite[] {callSite});
    }

    private MethodHandle build(boolean capture) {
        MethodType type = original.type();
        Class<?> r = type.returnType();
        List<Class<?>> ps = type.parameterList();
        int n = ps.size();
        MethodHandle enter;
        MethodHandle exit; // (Throwable, [R], long, A...) void
        if (capture) {
            enter = MethodHandles.insertArguments(ENTER_FULL, 0, site).asCollector(Object[].class, n)
                    .asType(MethodType.methodType(long.class, ps));
            MethodHandle e = MethodHandles.insertArguments(EXIT_FULL, 0, site).asCollector(Object[].class, n);
            if (r == void.class) {
                e = MethodHandles.insertArguments(e, 1, (Object) null);
                exit = e.asType(MethodType.methodType(void.class, Throwable.class, long.class).appendParameterTypes(ps));
            } else {
                exit = e.asType(MethodType.methodType(void.class, Throwable.class, r, long.class).appendParameterTypes(ps));
            }
        } else {
            enter = MethodHandles.dropArguments(MethodHandles.insertArguments(ENTER_LEAN, 0, site), 0, ps);
            MethodHandle e = MethodHandles.insertArguments(EXIT_LEAN, 0, site); // (Throwable, long) void
            if (r != void.class) {
                e = MethodHandles.dropArguments(e, 1, r);
            }
            exit = MethodHandles.dropArguments(e, e.type().parameterCount(), ps);
        }
        MethodHandle cleanup;
        if (r == void.class) {
            cleanup = exit;
        } else { // run exit, then return the result unchanged
            MethodHandle pass = MethodHandles.dropArguments(MethodHandles.identity(r), 0, Throwable.class);
            pass = MethodHandles.dropArguments(pass, 2, long.class);
            pass = MethodHandles.dropArguments(pass, 3, ps);
            cleanup = MethodHandles.foldArguments(pass, exit);
        }
        MethodHandle body = MethodHandles.dropArguments(original, 0, long.class); // (long, A...) R
        MethodHandle timed = MethodHandles.tryFinally(body, cleanup);
        return MethodHandles.foldArguments(timed, enter);
    }

    private static long enterLean(Site site) {
        return site.enterLean();
    }

    private static long enterFull(Site site, Object[] args) {
        return site.enter(null, args);
    }

    private static void exitLean(Site site, Throwable error, long start) {
        if (error == null) {
            site.exitLean(start);
        } else {
            site.failLean(start, error);
        }
    }

    private static void exitFull(Site site, Throwable error, Object result, long start, Object[] args) {
        if (error == null) {
            site.exit(start, null, args, result);
        } else {
            site.fail(start, null, args, error);
        }
    }
}
