package dev.telltale.core.internal.probe.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Property paths: records, getters, public fields, nulls, and what may not be read. */
class ExpressionPropertyTest {

    public enum Status { NEW, PAID }

    public record Customer(String name, boolean vip) {}

    public record Order(String id, Customer customer, BigDecimal total, Status status, List<String> items) {}

    public static class Bean {
        public int count = 3;
        public static String shared = "static";

        public String getName() {
            return "bean";
        }

        public boolean isActive() {
            return true;
        }

        public Boolean isMaybe() {
            return Boolean.FALSE;
        }

        public String isNotABoolean() {
            return "nope";
        }

        public long weight() {
            return 12;
        }

        public String getBoom() {
            throw new IllegalStateException("boom");
        }

        public void getNothing() {}

        public String describe(String how) {
            return how;
        }

        public static String getStatic() {
            return "static";
        }

        public Bean getSelf() {
            return this;
        }

        public Bean getMissing() {
            return null;
        }
    }

    private static Object eval(String text, Object... args) {
        return Expression.parse(text).evaluate(FakeScope.of(args));
    }

    private static EvaluationException fails(String text, Object... args) {
        return assertThrows(EvaluationException.class, () -> eval(text, args));
    }

    private static Order order() {
        return new Order("o-1", new Customer("Ada", true), new BigDecimal("99.50"), Status.PAID, List.of("a", "b"));
    }

    @Test
    void recordComponents_readAlongThePath() {
        Order o = order();
        assertEquals("o-1", eval("args[0].id", o));
        assertEquals("Ada", eval("args[0].customer.name", o));
        assertEquals(Boolean.TRUE, eval("args[0].customer.vip", o));
        assertEquals(2L, eval("args[0].items.size()", o));
        assertEquals(Boolean.TRUE, Expression.parse("order.status == 'PAID' && order.total > 99 && order.customer.vip")
                .test(FakeScope.of(o).names("order")));
    }

    @Test
    void gettersIsAndAccessors_foundInOrder() {
        Bean b = new Bean();
        assertEquals("bean", eval("args[0].name", b));
        assertEquals(Boolean.TRUE, eval("args[0].active", b));
        assertEquals(Boolean.FALSE, eval("args[0].maybe", b));
        assertEquals(12L, eval("args[0].weight", b));
        assertEquals("bean", eval("args[0].self.self.name", b));
    }

    @Test
    void publicField_read() {
        assertEquals(3, eval("args[0].count", new Bean()));
    }

    @Test
    void nullOnThePath_givesNull() {
        assertNull(eval("args[0].customer.name", new Order("o", null, null, null, null)));
        assertNull(eval("args[0].missing.name", new Bean()));
        assertNull(eval("args[0].items.size()", new Order("o", null, null, null, null)));
        assertNull(eval("args[0].a.b.c", (Object) null));
    }

    @Test
    void missingProperty_evaluationExceptionNamingTheClass() {
        EvaluationException e = fails("args[0].customer.email", order());
        assertTrue(e.getMessage().startsWith("'args[0].customer.email': no property 'email' on "
                + Customer.class.getName()), e.getMessage());
    }

    @Test
    void notGetters_notProperties() {
        // static members, void methods, methods with parameters, an isX() that is not boolean
        for (String name : List.of("shared", "static", "nothing", "describe", "notABoolean")) {
            EvaluationException e = fails("args[0]." + name, new Bean());
            assertTrue(e.getMessage().contains("no property '" + name + "'"), e.getMessage());
        }
    }

    @Test
    void getterThatThrows_evaluationExceptionKeepingTheCause() {
        EvaluationException e = fails("args[0].boom", new Bean());
        assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
        assertEquals("boom", e.getCause().getMessage());
        assertTrue(e.getMessage().startsWith("'args[0].boom': " + Bean.class.getName() + ".getBoom() threw"),
                e.getMessage());
    }

    @Test
    void getterThatThrowsAnError_fatalOnesPassThrough() {
        Object fatal = new Object() {
            @SuppressWarnings("unused")
            public String getX() {
                throw new OutOfMemoryError("test");
            }
        };
        assertThrows(OutOfMemoryError.class, () -> eval("args[0].x", fatal));
    }

    @Test
    void nonPublicImplementation_readThroughItsPublicInterface() {
        // Map.entry's class is package-private in java.util, which is not open: the getter is
        // called through Map.Entry.
        assertEquals("k", eval("args[0].key", Map.entry("k", 1)));
        assertEquals(1, eval("args[0].value", Map.entry("k", 1)));
    }

    @Test
    void privateNestedClassAndRecord_read() {
        assertEquals("hidden", eval("args[0].secret", new Hidden()));
        assertEquals("r", eval("args[0].name", new HiddenRecord("r")));
    }

    @Test
    void jdkInternalMember_notAccessible_evaluationExceptionNamingIt() {
        // a direct buffer's class (java.nio, not open) implements sun.nio.ch.DirectBuffer (not
        // exported): its public address() is declared by nothing Telltale may call
        EvaluationException e = fails("args[0].address", java.nio.ByteBuffer.allocateDirect(8));
        assertTrue(e.getMessage().contains("property 'address' of java.nio.DirectByteBuffer is not accessible"),
                e.getMessage());
        EvaluationException again = fails("args[0].address", java.nio.ByteBuffer.allocateDirect(8));
        assertEquals(e.getMessage(), again.getMessage(), "the refusal is remembered");
    }

    @Test
    void reflectionObjects_notRead() {
        assertTrue(fails("args[0].class", "x").getMessage().contains("do not read an object's class"));
        assertTrue(fails("args[0].name", String.class).getMessage().contains("do not read properties of Class"));
        assertTrue(fails("args[0].parent", ClassLoader.getSystemClassLoader()).getMessage()
                .contains("do not read properties of"));
    }

    @Test
    void arrays_haveOnlyLength() {
        EvaluationException e = fails("args[0].size2", (Object) new int[2]);
        assertEquals("'args[0].size2': no property 'size2' on int[] (an array has only 'length')", e.getMessage());
    }

    @Test
    void oneNode_manyClasses_eachReadItsOwnWay() {
        Expression e = Expression.parse("args[0].name");
        assertEquals("bean", e.evaluate(FakeScope.of(new Bean())));
        assertEquals("Ada", e.evaluate(FakeScope.of(new Customer("Ada", false))));
        assertEquals("bean", e.evaluate(FakeScope.of(new Bean())));
        assertThrows(EvaluationException.class, () -> e.evaluate(FakeScope.of(1)));
    }

    @Test
    void valueOfPath_isTheObject() {
        Order o = order();
        assertSame(o.customer(), eval("args[0].customer", o));
    }

    private static final class Hidden {
        @SuppressWarnings("unused")
        public String getSecret() {
            return "hidden";
        }
    }

    private record HiddenRecord(String name) {}
}
