package dev.telltale.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.telltale.Event;
import dev.telltale.Telltale;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A context's span goes through the typed seam: begun at birth, ended once at its finish. */
class ContextSpanTest {

    @Test
    void close_twice_endsTheSpanBegunAtBirthOnce_notAbandoned() {
        try (Telltale telltale = FakeEngineFactory.telltale(FakeEngine.Flush.RETURN)) {
            Context ctx = Context.builder().telltale(telltale).name("shop.request").id("r-1").start();
            ctx.close();
            ctx.close();
            assertEquals(List.of("begin shop.request r-1", "end r-1 false"), FakeEngineFactory.engine(telltale).spans());
        }
    }

    @Test
    void transientContext_beginsNoSpan() {
        try (Telltale telltale = FakeEngineFactory.telltale(FakeEngine.Flush.RETURN)) {
            Context.builder().telltale(telltale).name("shop.settlement").fields(Map.of("orders", 12)).publish();
            FakeEngine engine = FakeEngineFactory.engine(telltale);
            assertEquals(List.of("context.transient"), engine.events().stream().map(Event::kind).toList());
            assertEquals(List.of(), engine.spans());
        }
    }

    @Test
    void contextBegin_whenTheEngineThrows_theContextIsStillBornUpdatedAndFinished() {
        try (Telltale telltale = FakeEngineFactory.telltale(FakeEngine.Flush.THROW)) {
            Context ctx = Context.builder().telltale(telltale).name("c").start();
            ctx.set("x", 1);
            ctx.close();
            List<String> kinds = FakeEngineFactory.engine(telltale).events().stream().map(Event::kind).toList();
            assertEquals(List.of("context.born", "context.update", "context.finished"), kinds);
        }
    }
}
