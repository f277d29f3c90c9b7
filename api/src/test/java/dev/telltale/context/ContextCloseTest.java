package dev.telltale.context;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.Event;
import dev.telltale.Telltale;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Context.close()} never throws into the application, whatever the engine's flush does. */
class ContextCloseTest {

    @Test
    void close_whenTheEnginesFlushThrows_neverThrows_andTheContextIsFinished() {
        try (Telltale telltale = FakeEngineFactory.telltale(FakeEngine.Flush.THROW)) {
            Context ctx = Context.builder().telltale(telltale).name("c").waitOnClose(Duration.ofSeconds(1)).start();
            assertDoesNotThrow(ctx::close);
            assertTrue(ctx.isClosed());
            List<String> kinds = FakeEngineFactory.engine(telltale).events().stream().map(Event::kind).toList();
            assertEquals(List.of("context.born", "context.finished"), kinds);
        }
    }

    @Test
    void waitOnClose_longestDuration_isAccepted_andCloseNeverThrows() {
        try (Telltale telltale = FakeEngineFactory.telltale(FakeEngine.Flush.TO_NANOS)) {
            Context ctx = Context.builder().telltale(telltale).name("c")
                    .waitOnClose(Duration.ofSeconds(Long.MAX_VALUE)).start();
            assertDoesNotThrow(ctx::close);
            assertTrue(ctx.isClosed());
        }
    }
}
