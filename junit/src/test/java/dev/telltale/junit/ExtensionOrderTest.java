package dev.telltale.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where the pipeline's life sits among JUnit's callbacks: it is open from before the first
 * {@code @BeforeEach} method (and the before-each callbacks of extensions registered after it)
 * until after the last {@code @AfterEach} method (and the after-each callbacks of extensions
 * registered after it); extensions registered before it see it closed.
 */
class ExtensionOrderTest {

    @Test
    void callbacks_aroundTheExtension_seeThePipelineOpenInsideAndClosedOutside() {
        Ordered.log.clear();
        Ordered.current = null;

        JupiterRun.of(Ordered.class).assertSuccessful("test(TelltaleRecorder)");

        assertEquals(List.of(
                "outer before: no recorder yet",
                "inner before: no recorder yet",
                "@BeforeEach: open",
                "@Test: open",
                "@AfterEach: open",
                "inner after: open",
                "outer after: closed"), Ordered.log);
        assertEquals(List.of("@BeforeEach", "@Test", "@AfterEach", "inner after"),
                Ordered.current.events().stream().map(Event::kind).toList());
    }

    @Test
    void constructorParameter_noTestYet_failsSayingWhereItMayGo() {
        Throwable failure = JupiterRun.of(InConstructor.class).failure("test()");

        assertTrue(failure instanceof ParameterResolutionException, failure.toString());
        assertTrue(failure.getMessage().startsWith("TelltaleExtension makes a TelltaleRecorder for each test: declare it"
                + " as a parameter of a test method or of a @BeforeEach or @AfterEach method, not of "), failure.getMessage());
    }

    @Test
    void beforeAllParameter_noTestYet_failsSayingWhereItMayGo() {
        Throwable failure = JupiterRun.of(InBeforeAll.class).failure("ExtensionOrderTest$InBeforeAll");

        assertTrue(failure instanceof ParameterResolutionException, failure.toString());
        assertTrue(failure.getMessage().contains("not of static void dev.telltale.junit.ExtensionOrderTest$InBeforeAll"
                + ".start(dev.telltale.junit.TelltaleRecorder)"), failure.getMessage());
    }

    /** Writes what it sees of the current test's pipeline to the log. */
    static final class Watcher implements BeforeEachCallback, AfterEachCallback {

        private final String name;

        Watcher(String name) {
            this.name = name;
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            Ordered.log.add(name + " before: " + (Ordered.current == null ? "no recorder yet" : Ordered.state(name)));
        }

        @Override
        public void afterEach(ExtensionContext context) {
            Ordered.log.add(name + " after: " + Ordered.state(name + " after"));
        }
    }

    @ExtendWith(JupiterRun.FixtureOnly.class)
    static class Ordered {

        static final List<String> log = new ArrayList<>();
        static TelltaleRecorder current;

        @RegisterExtension
        @Order(1)
        static final Watcher outer = new Watcher("outer");

        @RegisterExtension
        @Order(2)
        static final TelltaleExtension telltale = TelltaleExtension.builder().build();

        @RegisterExtension
        @Order(3)
        static final Watcher inner = new Watcher("inner");

        /** "open", emitting an event of kind {@code kind}; or "closed", if the emit is counted as dropped. */
        static String state(String kind) {
            long dropped = current.stats().droppedShutdown();
            current.telltale().emitter("order").emit(kind, Map.of());
            return current.stats().droppedShutdown() > dropped ? "closed" : "open";
        }

        @BeforeEach
        void start(TelltaleRecorder recorder) {
            current = recorder;
            log.add("@BeforeEach: " + state("@BeforeEach"));
        }

        @Test
        void test(TelltaleRecorder recorder) {
            assertSame(current, recorder);
            log.add("@Test: " + state("@Test"));
        }

        @AfterEach
        void end(TelltaleRecorder recorder) {
            assertSame(current, recorder);
            log.add("@AfterEach: " + state("@AfterEach"));
        }
    }

    @ExtendWith({JupiterRun.FixtureOnly.class, TelltaleExtension.class})
    static class InConstructor {

        InConstructor(TelltaleRecorder recorder) {}

        @Test
        void test() {}
    }

    @ExtendWith({JupiterRun.FixtureOnly.class, TelltaleExtension.class})
    static class InBeforeAll {

        @BeforeAll
        static void start(TelltaleRecorder recorder) {}

        @Test
        void test() {}
    }
}
