package dev.telltale.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.telltale.Event;
import dev.telltale.Telltale;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A builder can be used again: {@code wrap} does not change it. */
class ContextBuilderTest {

    interface Named {
        String getName();
    }

    static final class Plain implements Named {
        @Override
        public String getName() {
            return "plain";
        }
    }

    static final class SubContext extends Context {
        SubContext(Context.Builder builder) {
            super(builder);
        }
    }

    private final Telltale telltale = FakeEngineFactory.telltale(FakeEngine.Flush.RETURN);

    @AfterEach
    void close() {
        telltale.close();
    }

    @Test
    void builder_reusedAfterWrap_keepsItsOwnHeadersAndName() {
        Context.Builder builder = Context.builder().telltale(telltale).headers(Map.of("tenant", "acme"));
        Named wrapped = builder.wrap(Named.class, new Plain());
        Context again = builder.start();
        Context sub = new SubContext(builder);

        assertEquals(Map.of("tenant", "acme", "via", Plain.class.getName()), headers(Context.of(wrapped)));
        assertEquals(Map.of("tenant", "acme"), headers(again), "the builder's headers, without the wrap's via");
        assertEquals("dev.telltale.context.ContextBuilderTest.SubContext", sub.routingKey(),
                "a subclass built from the builder is still named after itself");
    }

    @Test
    void publish_sendsTheFieldsWithoutIgnoredOnes_andContextsAsIds() {
        try (Context child = Context.builder().telltale(telltale).name("child").id("child-1").start()) {
            Context.builder().telltale(telltale).name("t").fields(Map.of("a", 1, "secret", "s", "child", child))
                    .ignore("secret").publish();
        }
        List<Event> events = FakeEngineFactory.engine(telltale).events();
        Event transientEvent = events.stream().filter(e -> e.kind().equals("context.transient")).findFirst()
                .orElseThrow();
        assertEquals(Map.of("a", 1, "child", "child-1"), transientEvent.fields());
    }

    @Test
    void unnamed_startPublishAndWrap_areNamedAfterTheCallingClass_evenInTelltalesOwnPackage() {
        Context.Builder builder = Context.builder().telltale(telltale);
        Context started = builder.start();
        Named wrapped = builder.wrap(Named.class, new Plain());
        builder.publish();
        String caller = "dev.telltale.context.ContextBuilderTest";
        assertEquals(caller, started.routingKey());
        assertEquals(caller, Context.of(wrapped).routingKey());
        assertEquals(List.of(caller), FakeEngineFactory.engine(telltale).events().stream()
                .filter(e -> e.kind().equals("context.transient")).map(Event::routingKey).toList());
    }

    private Map<String, String> headers(Context context) {
        return FakeEngineFactory.engine(telltale).events().stream().filter(e -> e.source().equals(context.id()))
                .findFirst().orElseThrow().headers();
    }
}
