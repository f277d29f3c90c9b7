package dev.telltale.core;

import dev.telltale.core.internal.jfr.JfrSetup;
import dev.telltale.core.internal.pipeline.InternalThreads;
import java.util.List;
import jdk.jfr.EventType;

/**
 * What {@link CoreEngine} asks of the JVM it runs in: a thread for JFR's set-up, registering
 * Telltale's event types, whether JFR is up, and a shutdown hook. {@link #CURRENT} is this JVM.
 * Tests give an engine their own, to run the set-up on their thread, make it fail, and run a
 * shutdown hook without ending the JVM: what otherwise only a fresh or exiting JVM shows.
 *
 * <p>Threading: the engine calls {@link #jfrUp} on emitting threads (only until JFR's set-up has
 * finished), the others from {@code start}, {@code close} and the set-up thread.
 */
interface JvmSupport {

    /** This JVM. */
    JvmSupport CURRENT = new Current();

    /** Runs {@code setUp} on a new daemon thread of Telltale's, named {@code name}. */
    void startThread(Runnable setUp, String name);

    /**
     * Registers Telltale's JFR event types and returns them. Blocks while JFR starts up; throws
     * where JFR cannot be used.
     */
    List<EventType> registerJfrEventTypes();

    /** Whether JFR is up in this JVM: a static read, never starts it. */
    boolean jfrUp();

    /**
     * As {@link Runtime#addShutdownHook}.
     *
     * @throws IllegalStateException if the JVM is shutting down already
     */
    void addShutdownHook(Thread hook);

    /**
     * As {@link Runtime#removeShutdownHook}.
     *
     * @throws IllegalStateException if the JVM is shutting down already
     */
    void removeShutdownHook(Thread hook);

    /** The JVM this runs in. */
    final class Current implements JvmSupport {

        private Current() {}

        @Override
        public void startThread(Runnable setUp, String name) {
            InternalThreads.newThread(setUp, name).start();
        }

        @Override
        public List<EventType> registerJfrEventTypes() {
            return JfrSetup.registerEventTypes();
        }

        @Override
        public boolean jfrUp() {
            return JfrSetup.jfrUp();
        }

        @Override
        public void addShutdownHook(Thread hook) {
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void removeShutdownHook(Thread hook) {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    }
}
