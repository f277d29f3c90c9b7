package dev.telltale.core.testing;

import dev.telltale.Telltale;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;

/**
 * A member of a test fleet, run in a child JVM: an application that runs a probe manager on the
 * spec store named by its first argument (through {@code telltale.probe.manager.store}, as any
 * application would configure it), under the service name of its second, with the further
 * {@code key=value} settings of the rest, and calls a method
 * handle named {@code greet} every few milliseconds until it is killed ({@link Fleet} does
 * that) or three minutes pass. Prints {@code ready <pid>} once the handle exists.
 */
public final class FleetChild {

    private static final Duration LIFE = Duration.ofMinutes(3);

    private FleetChild() {}

    static String greet(String name) {
        return "hello " + name;
    }

    public static void main(String[] args) throws Throwable {
        Telltale.Builder builder = Telltale.builder()
                .readEnvironment(false)
                .backend("none")
                .set("telltale.probe.manager.store", args[0])
                .set("telltale.probe.manager.service", args[1])
                .set("telltale.probe.manager.interval", "200ms")
                .set("telltale.probe.manager.timeout", "5s");
        for (int i = 2; i < args.length; i++) { // further settings, key=value
            int eq = args[i].indexOf('=');
            builder.set(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        Telltale telltale = builder.build();
        MethodHandle greet = telltale.probes().handle("greet", MethodHandles.lookup()
                .findStatic(FleetChild.class, "greet", MethodType.methodType(String.class, String.class)));
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        long end = System.nanoTime() + LIFE.toNanos();
        try (telltale) {
            while (System.nanoTime() < end) {
                String s = (String) greet.invokeExact("fleet");
                if (s.isEmpty()) {
                    throw new AssertionError();
                }
                Thread.sleep(20); // the application's own pace
            }
        }
    }
}
