package dev.telltale.core.internal.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Which live frames the {@code snapshot} instrument reads locals of: those below the agent's fail
 * hook when it runs inside that hook (every frame above it Telltale's), none otherwise.
 */
class SnapshotInstrumentHookTest {

    /** A stack frame that has a class and a method name only. */
    private record Named(String className, String methodName) implements StackWalker.StackFrame {
        @Override
        public String getClassName() {
            return className;
        }

        @Override
        public String getMethodName() {
            return methodName;
        }

        @Override
        public Class<?> getDeclaringClass() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int getByteCodeIndex() {
            return -1;
        }

        @Override
        public String getFileName() {
            return null;
        }

        @Override
        public int getLineNumber() {
            return -1;
        }

        @Override
        public boolean isNativeMethod() {
            return false;
        }

        @Override
        public StackTraceElement toStackTraceElement() {
            return new StackTraceElement(className, methodName, null, -1);
        }
    }

    private static List<String> selected(String... frames) {
        return SnapshotInstrument.selectBelowHook(Stream.of(frames).map(f -> {
            int dot = f.lastIndexOf('.');
            return (StackWalker.StackFrame) new Named(f.substring(0, dot), f.substring(dot + 1));
        })).map(f -> f.getClassName() + "." + f.getMethodName()).collect(Collectors.toList());
    }

    @Test
    void instrumentInsideTheAgentsFailHook_selectBelowHook_isTheRewrittenMethodAndItsCallers() {
        assertEquals(List.of("com.acme.Orders.checkout", "com.acme.Main.main"), selected(
                "dev.telltale.core.internal.snapshot.SnapshotInstrument.record",
                "dev.telltale.core.internal.probe.Site.fail",
                "dev.telltale.core.internal.probe.Weaving.fail",
                "dev.telltale.agent.internal.Bridge.fail",
                "dev.telltale.agent.bridge.Hooks.fail",
                "com.acme.Orders.checkout",
                "com.acme.Main.main"));
    }

    @Test
    void proxyProbeCalledBelowAnotherHookedMethod_selectBelowHook_isEmpty() {
        assertTrue(selected(
                "dev.telltale.core.internal.snapshot.SnapshotInstrument.record",
                "dev.telltale.core.internal.probe.ProxyHandler.invoke",
                "jdk.proxy1.$Proxy7.checkout",
                "com.acme.Outer.run",
                "dev.telltale.agent.bridge.Hooks.fail",
                "com.acme.Main.main").isEmpty(), "a frame of the application above the hook: not this call's hook");
    }

    @Test
    void noHookOnTheStack_selectBelowHook_isEmpty() {
        assertTrue(selected(
                "dev.telltale.core.internal.snapshot.SnapshotInstrument.record",
                "dev.telltale.core.internal.probe.Site.fail",
                "com.acme.Main.main").isEmpty());
    }

    @Test
    void theHooksOtherMethods_selectBelowHook_doNotCount() {
        assertTrue(selected(
                "dev.telltale.core.internal.snapshot.SnapshotInstrument.record",
                "dev.telltale.agent.bridge.Hooks.exit",
                "com.acme.Orders.checkout").isEmpty(), "only the exception exit runs in the failing method's frame");
    }
}
