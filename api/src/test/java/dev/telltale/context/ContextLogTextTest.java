package dev.telltale.context;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.telltale.Event;
import dev.telltale.Telltale;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Log text (mirror lines and {@code ctx.log()} messages) names contexts by their ids, as fields publish them. */
class ContextLogTextTest {

    interface Account {
        String getOwner();

        void setOwner(String owner);
    }

    static final class Bank implements Account {
        @Override
        public String getOwner() {
            return "ann";
        }

        @Override
        public void setOwner(String owner) {}

        @Override
        public String toString() {
            return "Bank(ann)";
        }
    }

    private final Telltale telltale = FakeEngineFactory.telltale(FakeEngine.Flush.RETURN);

    @AfterEach
    void close() {
        telltale.close();
    }

    private Context.Builder context(String name) {
        return Context.builder().telltale(telltale).name(name);
    }

    @Test
    void mirrorLines_showWrapProxiesAndContextsInsideValues_byTheirIds() {
        LineLogger lines = new LineLogger();
        Account account = context("bank.account").id("acct-1").wrap(Account.class, new Bank());
        try (Context child = context("child").id("child-1").start();
                Context ctx = context("parent").id("p-1").mirror(lines).start()) {
            ctx.set("account", account);
            ctx.set("children", List.of(child, "plain"));
            Map<String, Object> changes = new LinkedHashMap<>();
            changes.put("byName", Map.of("c", child));
            changes.put("array", new Object[] {child, 2});
            changes.put("ints", new int[] {1, 2});
            ctx.update(changes);
        }
        List<String> got = lines.lines();
        assertEquals("parent p-1: account = acct-1", got.get(1));
        assertEquals("parent p-1: children = [child-1, plain]", got.get(2));
        assertEquals("parent p-1: byName = {c=child-1}, array = [child-1, 2], ints = [1, 2]", got.get(3));
    }

    @Test
    void logMessages_fillWrapProxiesAndContextsInsideValues_withTheirIds() {
        LineLogger lines = new LineLogger();
        Account account = context("bank.account").id("acct-1").wrap(Account.class, new Bank());
        try (Context child = context("child").id("child-1").start();
                Context ctx = context("parent").id("p-1").mirror(lines)
                        .fields(Map.of("account", account, "children", Arrays.asList(child, null))).start()) {
            ctx.log().info("{account} has {children}");
        }
        Event log = FakeEngineFactory.engine(telltale).events().stream().filter(e -> e.kind().equals("context.log"))
                .findFirst().orElseThrow();
        assertEquals("acct-1 has [child-1, null]", log.field("message"));
        assertEquals("parent p-1: acct-1 has [child-1, null]", lines.lines().get(1));
    }

    @Test
    void logText_ofACyclicOrThrowingValue_neverThrows() {
        LineLogger lines = new LineLogger();
        List<Object> cyclic = new java.util.ArrayList<>();
        cyclic.add(cyclic);
        Object evil = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("no");
            }
        };
        try (Context ctx = context("evil").id("e-1").mirror(lines).start()) {
            ctx.set("cyclic", cyclic);
            ctx.set("evil", List.of(evil));
        }
        assertEquals("evil e-1: cyclic = [(this Collection)]", lines.lines().get(1));
        assertEquals("evil e-1: evil = [<toString() threw java.lang.IllegalStateException>]", lines.lines().get(2));
    }
}
