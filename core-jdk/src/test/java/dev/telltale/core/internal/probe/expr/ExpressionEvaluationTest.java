package dev.telltale.core.internal.probe.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every construct of the language, its precedence, and conditions. */
class ExpressionEvaluationTest {

    static Object eval(String text, Scope scope) {
        return Expression.parse(text).evaluate(scope);
    }

    static Object eval(String text) {
        return eval(text, FakeScope.of());
    }

    @Test
    void literals_typedValues() {
        assertEquals(42L, eval("42"));
        assertEquals(1.5, eval("1.5"));
        assertEquals(2000.0, eval("2e3"));
        assertEquals(0.025, eval("2.5E-2"));
        assertEquals("it's", eval("'it\\'s'"));
        assertEquals("say \"hi\"", eval("\"say \\\"hi\\\"\""));
        assertEquals("a\\b\n\t\r\b\f\0\u00e9'\"", eval("'a\\\\b\\n\\t\\r\\b\\f\\0\\u00e9\\'\\\"'"));
        assertEquals("", eval("''"));
        assertEquals(Boolean.TRUE, eval("true"));
        assertEquals(Boolean.FALSE, eval("false"));
        assertNull(eval("null"));
    }

    @Test
    void durationLiterals_longNanoseconds() {
        assertEquals(10L, eval("10ns"));
        assertEquals(250_000L, eval("250us"));
        assertEquals(5_000_000L, eval("5ms"));
        assertEquals(2_000_000_000L, eval("2s"));
        assertEquals(1_500_000_000L, eval("1.5s"));
        assertEquals(500L, eval("0.5us"));
    }

    @Test
    void elapsedAgainstDuration_comparesNanoseconds() {
        Expression slow = Expression.parse("elapsed > 5ms");
        assertTrue(slow.test(FakeScope.of().elapsed(5_000_001)));
        assertFalse(slow.test(FakeScope.of().elapsed(5_000_000)));
        assertTrue(Expression.parse("elapsed >= 5ms").test(FakeScope.of().elapsed(5_000_000)));
        assertTrue(Expression.parse("elapsed < 1s && elapsed != 0ns").test(FakeScope.of().elapsed(7)));
        assertEquals(7L, eval("elapsed", FakeScope.of().elapsed(7)));
    }

    @Test
    void args_byIndexAndCount() {
        FakeScope scope = FakeScope.of("a", 2, null);
        assertEquals("a", eval("args[0]", scope));
        assertEquals(2, eval("args[1]", scope));
        assertNull(eval("args[2]", scope));
        assertEquals(3L, eval("args.length", scope));
        assertEquals(3L, eval("args.size()", scope));
    }

    @Test
    void argsPastTheEnd_evaluationExceptionWithTheCount() {
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> eval("args[5] > 1", FakeScope.of("a", "b")));
        assertEquals("'args[5]': the call has 2 arguments", e.getMessage());
    }

    @Test
    void parameterName_resolvedThroughTheScope() {
        FakeScope scope = FakeScope.of("o-1", 3).names("orderId", "quantity");
        assertEquals(3, eval("quantity", scope));
        assertTrue(Expression.parse("orderId == 'o-1' && quantity > 2").test(scope));
    }

    @Test
    void unknownParameterName_saysCompileWithParameters() {
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> eval("quantity > 2", FakeScope.of(3)));
        assertTrue(e.getMessage().startsWith("'quantity': the target has no parameter named 'quantity'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("compile with -parameters or use args[N]"), e.getMessage());
    }

    @Test
    void keywords_readTheirPartOfTheCall() {
        RuntimeException boom = new RuntimeException("boom");
        Thread other = new Thread(() -> {}, "worker-7");
        FakeScope scope = FakeScope.of().self("me").result(99).exception(boom).thread(other);
        assertEquals("me", eval("this", scope));
        assertEquals(99, eval("result", scope));
        assertSame(boom, eval("exception", scope));
        assertSame(other, eval("thread", scope));
        assertEquals("worker-7", eval("thread.name", scope));
        assertEquals("boom", eval("exception.message", scope));
    }

    @Test
    void arithmetic_longsStayWholeDoublesWhenMixed() {
        assertEquals(7L, eval("1 + 2 * 3"));
        assertEquals(9L, eval("(1 + 2) * 3"));
        assertEquals(2L, eval("7 / 3"));
        assertEquals(1L, eval("7 % 3"));
        assertEquals(-3L, eval("-7 / 2"));
        assertEquals(3.5, eval("7 / 2.0"));
        assertEquals(1.5, eval("args[0] - args[1]", FakeScope.of(2, 0.5)));
        assertEquals(12L, eval("args[0] * args[1]", FakeScope.of(3, 4L)));
        assertEquals(-4L, eval("-args[0]", FakeScope.of(4)));
        assertEquals(4L, eval("- -args[0]", FakeScope.of(4)));
        assertEquals(1_000_000L, eval("elapsed / 1000", FakeScope.of().elapsed(1_000_000_000)));
    }

    @Test
    void longOverflowOrDivisionByZero_evaluationException() {
        EvaluationException overflow = assertThrows(EvaluationException.class,
                () -> eval("args[0] * 2", FakeScope.of(Long.MAX_VALUE)));
        assertEquals("'args[0] * 2': the result does not fit in a long", overflow.getMessage());
        EvaluationException zero = assertThrows(EvaluationException.class,
                () -> eval("elapsed / args.length", FakeScope.of().elapsed(5)));
        assertEquals("'elapsed / args.length': division by zero", zero.getMessage());
        assertThrows(EvaluationException.class, () -> eval("args[0] % 0", FakeScope.of(5)));
        assertThrows(EvaluationException.class, () -> eval("-args[0]", FakeScope.of(Long.MIN_VALUE)));
    }

    @Test
    void arithmeticOnNonNumber_evaluationExceptionNamingTheOperand() {
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> eval("args[0] + 1", FakeScope.of("1")));
        assertEquals("'+' needs numbers, but 'args[0]' gave String \"1\"", e.getMessage());
    }

    @Test
    void numberThatThrowsWhenRead_evaluationExceptionWithCause() {
        Number broken = new Number() {
            @Override
            public int intValue() {
                throw new IllegalStateException("unreadable");
            }

            @Override
            public long longValue() {
                throw new IllegalStateException("unreadable");
            }

            @Override
            public float floatValue() {
                throw new IllegalStateException("unreadable");
            }

            @Override
            public double doubleValue() {
                throw new IllegalStateException("unreadable");
            }
        };
        EvaluationException e = assertThrows(EvaluationException.class, () -> eval("args[0] + 1", FakeScope.of(broken)));
        assertEquals("'args[0] + 1': reading a number threw java.lang.IllegalStateException: unreadable", e.getMessage());
        assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
    }

    @Test
    void precedence_orLooserThanAndLooserThanComparisonLooserThanArithmetic() {
        assertEquals(Boolean.TRUE, eval("true || false && false"));
        assertEquals(Boolean.FALSE, eval("(true || false) && false"));
        assertEquals(Boolean.TRUE, eval("1 + 1 == 2 && 2 * 3 > 5"));
        assertEquals(Boolean.TRUE, eval("1 < 2 == 3 < 4"));
        assertEquals(Boolean.FALSE, eval("!true && false"));
        assertEquals(Boolean.TRUE, eval("!(true && false)"));
        assertEquals(Boolean.TRUE, eval("!false == true"));
        assertEquals(-1L, eval("-2 + 1"));
        assertEquals(14L, eval("2 + 3 * 4"));
        assertEquals(10L, eval("20 - 5 - 5"));
        assertEquals(5L, eval("100 / 10 / 2"));
    }

    @Test
    void andOr_shortCircuit() {
        // args[9] would fail: it must not be evaluated
        assertEquals(Boolean.FALSE, eval("false && args[9]", FakeScope.of()));
        assertEquals(Boolean.TRUE, eval("true || args[9]", FakeScope.of()));
        assertThrows(EvaluationException.class, () -> eval("true && args[9]", FakeScope.of()));
    }

    @Test
    void logic_nullIsUnknown() {
        assertEquals(Boolean.FALSE, eval("null && false"));
        assertNull(eval("null && true"));
        assertEquals(Boolean.TRUE, eval("null || true"));
        assertNull(eval("null || false"));
        assertNull(eval("!null"));
        assertNull(eval("null > 1"));
        assertNull(eval("args[0] + 1", FakeScope.of((Object) null)));
        assertNull(eval("-args[0]", FakeScope.of((Object) null)));
    }

    @Test
    void logicOnNonBoolean_evaluationException() {
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> eval("args[0] && true", FakeScope.of(1)));
        assertEquals("'&&' needs booleans, but 'args[0]' gave Integer 1", e.getMessage());
        assertThrows(EvaluationException.class, () -> eval("false || args[0]", FakeScope.of("x")));
        assertThrows(EvaluationException.class, () -> eval("!args[0]", FakeScope.of("x")));
    }

    @Test
    void test_trueOnlyForTrue() {
        assertTrue(Expression.parse("args[0]").test(FakeScope.of(true)));
        assertFalse(Expression.parse("args[0]").test(FakeScope.of(false)));
        assertFalse(Expression.parse("args[0]").test(FakeScope.of((Object) null)));
        assertFalse(Expression.parse("result.total > 5").test(FakeScope.of().result(null)));
    }

    @Test
    void test_nonBoolean_evaluationExceptionQuotingConditionAndValue() {
        EvaluationException e = assertThrows(EvaluationException.class,
                () -> Expression.parse("args[0]").test(FakeScope.of("yes")));
        assertEquals("condition 'args[0]' gave String \"yes\", not a boolean", e.getMessage());
        EvaluationException n = assertThrows(EvaluationException.class,
                () -> Expression.parse("1 + 1").test(FakeScope.of()));
        assertEquals("condition '1 + 1' gave Long 2, not a boolean", n.getMessage());
    }

    @Test
    void sizeAndLength_onCollectionsMapsArraysText() {
        FakeScope scope = FakeScope.of(List.of(1, 2, 3), java.util.Map.of("a", 1), new int[4], "hello",
                new StringBuilder("ab"), Set.of());
        assertEquals(3L, eval("args[0].size()", scope));
        assertEquals(3L, eval("args[0].size", scope));
        assertEquals(1L, eval("args[1].size()", scope));
        assertEquals(4L, eval("args[2].length", scope));
        assertEquals(4L, eval("args[2].length()", scope));
        assertEquals(5L, eval("args[3].length()", scope));
        assertEquals(5L, eval("args[3].length", scope));
        assertEquals(2L, eval("args[4].length()", scope));
        assertEquals(Boolean.TRUE, eval("args[5].size() == 0 && args[0].size() > 2", scope));
        assertEquals(Boolean.TRUE, eval("args[5].empty", scope));
        assertEquals(2L, eval("'ab'.length"));
    }

    @Test
    void parenthesesAndPaths_combine() {
        assertEquals(3L, eval("(args[0]).length", FakeScope.of("abc")));
        assertEquals(Boolean.TRUE, eval("((args[0].length)) == 3", FakeScope.of("abc")));
    }

    @Test
    void expression_isImmutableAndSharedAcrossThreads() throws Exception {
        Expression e = Expression.parse("args[0].size() > 1 && elapsed < 1s");
        int threads = 4;
        Thread[] workers = new Thread[threads];
        boolean[] ok = new boolean[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            workers[t] = new Thread(() -> {
                boolean all = true;
                for (int i = 0; i < 10_000; i++) {
                    Object arg = i % 2 == 0 ? List.of(1, 2) : new int[] {1, 2};
                    all &= e.test(FakeScope.of(arg).elapsed(i));
                    all &= !e.test(FakeScope.of(List.of()).elapsed(i));
                }
                ok[id] = all;
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join(60_000);
            assertFalse(w.isAlive());
        }
        for (boolean b : ok) {
            assertTrue(b);
        }
    }
}
