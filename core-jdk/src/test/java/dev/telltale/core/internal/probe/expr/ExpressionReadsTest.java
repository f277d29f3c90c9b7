package dev.telltale.core.internal.probe.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What an expression tells its caller to capture. */
class ExpressionReadsTest {

    private static Set<Symbol> reads(String text) {
        Expression e = Expression.parse(text);
        Set<Symbol> symbols = EnumSet.noneOf(Symbol.class);
        for (Symbol s : Symbol.values()) {
            if (e.reads(s)) {
                symbols.add(s);
            }
        }
        return symbols;
    }

    @Test
    void eachSymbol_readOnlyWhenUsed() {
        assertEquals(EnumSet.of(Symbol.ARGS), reads("args[0]"));
        assertEquals(EnumSet.of(Symbol.ARGS), reads("args.length > 1"));
        assertEquals(EnumSet.of(Symbol.ARGS), reads("orderId"));
        assertEquals(EnumSet.of(Symbol.THIS), reads("this.name"));
        assertEquals(EnumSet.of(Symbol.RESULT), reads("result == null"));
        assertEquals(EnumSet.of(Symbol.EXCEPTION), reads("exception != null"));
        assertEquals(EnumSet.of(Symbol.ELAPSED), reads("elapsed > 5ms"));
        assertEquals(EnumSet.of(Symbol.THREAD), reads("thread.name == 'main'"));
        assertEquals(EnumSet.noneOf(Symbol.class), reads("1 + 2 == 3 && 'a' < 'b'"));
        assertEquals(EnumSet.allOf(Symbol.class),
                reads("args[0] == this && result != exception || elapsed > 0 && thread != null"));
    }

    @Test
    void keywordsAsPropertyNames_notReads() {
        assertEquals(EnumSet.of(Symbol.ARGS), reads("args[0].result.exception.thread.elapsed.this"));
    }

    @Test
    void parameterNames_bareIdentifiersInOrderOnce() {
        Expression e = Expression.parse("order.total > limit && order.customer.vip || args[1] == limit");
        assertEquals(List.of("order", "limit"), List.copyOf(e.parameterNames()));
        assertTrue(Expression.parse("args[0].name == 'x' && this != null").parameterNames().isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> e.parameterNames().add("x"));
    }

    @Test
    void unreadParts_neverAskedOfTheScope() {
        Scope onlyArgs = new Scope() {
            @Override
            public Object self() {
                throw new AssertionError("self");
            }

            @Override
            public int argCount() {
                return 1;
            }

            @Override
            public Object arg(int index) {
                return 5;
            }

            @Override
            public int parameterIndex(String name) {
                throw new AssertionError("parameterIndex");
            }

            @Override
            public Object result() {
                throw new AssertionError("result");
            }

            @Override
            public Throwable exception() {
                throw new AssertionError("exception");
            }

            @Override
            public long elapsedNanos() {
                throw new AssertionError("elapsed");
            }

            @Override
            public Thread thread() {
                throw new AssertionError("thread");
            }
        };
        Expression e = Expression.parse("args[0] > 4 && args.length == 1");
        assertFalse(e.reads(Symbol.THIS));
        assertTrue(e.test(onlyArgs));
    }
}
