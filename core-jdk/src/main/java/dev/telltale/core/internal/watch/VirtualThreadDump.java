package dev.telltale.core.internal.watch;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;

/**
 * A dump of all threads, virtual ones included, through JDK 21's {@code
 * HotSpotDiagnosticMXBean.dumpThreads(file, TEXT_PLAIN)}: the format of {@code jcmd <pid>
 * Thread.dump_to_file}, not jstack's. Found by reflection, so the core still runs on JDK 17, where
 * {@link #available()} is false.
 */
final class VirtualThreadDump {

    private static final Object BEAN;
    private static final Method DUMP;
    private static final Object TEXT_PLAIN;

    static {
        Object bean = null;
        Method dump = null;
        Object text = null;
        try {
            Class<?> type = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
            Class<?> format = Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
            dump = type.getMethod("dumpThreads", String.class, format);
            for (Object constant : format.getEnumConstants()) {
                if (((Enum<?>) constant).name().equals("TEXT_PLAIN")) {
                    text = constant;
                }
            }
            @SuppressWarnings({"unchecked", "rawtypes"})
            Object b = ManagementFactory.getPlatformMXBean((Class) type);
            bean = b;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            dump = null; // before JDK 21, or without jdk.management
        }
        BEAN = bean;
        DUMP = dump;
        TEXT_PLAIN = text;
    }

    private VirtualThreadDump() {}

    /** Whether this JVM can dump virtual threads (JDK 21+ with {@code jdk.management}). */
    static boolean available() {
        return DUMP != null && BEAN != null && TEXT_PLAIN != null;
    }

    /**
     * Writes the dump to {@code file}, which must not exist.
     *
     * @throws IllegalStateException if {@link #available()} is false or the JVM refused
     */
    static void write(Path file) {
        if (!available()) {
            throw new IllegalStateException("this JVM cannot dump virtual threads (JDK 21+ needed)");
        }
        try {
            DUMP.invoke(BEAN, file.toAbsolutePath().toString(), TEXT_PLAIN);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("dumpThreads failed: " + e.getCause(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("dumpThreads is not accessible: " + e, e);
        }
    }
}
