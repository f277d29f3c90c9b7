package dev.telltale.core.internal.probe.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@code == != < <= > >=} across types. */
class ExpressionComparisonTest {

    enum Status { NEW, PAID, SHIPPED }

    private static boolean test(String text, Object... args) {
        return Expression.parse(text).test(FakeScope.of(args));
    }

    @Test
    void numbers_compareByValueAcrossTypes() {
        assertTrue(test("args[0] == args[1]", 1, 1L));
        assertTrue(test("args[0] == args[1]", (short) 7, (byte) 7));
        assertTrue(test("args[0] == 1", 1.0));
        assertTrue(test("args[0] == 2.5", 2.5f));
        assertTrue(test("args[0] == 10", new BigDecimal("10.00")));
        assertTrue(test("args[0] > 9.99", new BigDecimal("10.00")));
        assertTrue(test("args[0] < args[1]", new BigInteger("99999999999999999999"), 1e20));
        assertTrue(test("args[0] == args[1]", new AtomicLong(3), 3));
        assertTrue(test("args[0] != 2", 3));
        assertFalse(test("args[0] != 3", 3.0));
    }

    @Test
    void longAndDouble_comparedExactlyBeyondDoublePrecision() {
        long big = (1L << 53) + 1; // not representable as a double
        double near = (double) (1L << 53);
        assertFalse(test("args[0] == args[1]", big, near));
        assertTrue(test("args[0] > args[1]", big, near));
        assertTrue(test("args[1] < args[0]", big, near));
        assertTrue(test("args[0] < 1e19", Long.MAX_VALUE));
        assertTrue(test("args[0] > -1e19", Long.MIN_VALUE));
        assertTrue(test("args[0] < 2.5 && args[0] > 1.5", 2));
    }

    @Test
    void nan_unordered() {
        assertFalse(test("args[0] < 1 || args[0] >= 1 || args[0] == args[0] + 0", Double.NaN));
        assertTrue(test("args[0] != 1", Double.NaN));
        assertFalse(test("args[0] > args[1]", Double.NaN, new BigDecimal(1)));
    }

    @Test
    void orderings_allSixOperators() {
        assertTrue(test("args[0] < 2 && args[0] <= 1 && args[0] > 0 && args[0] >= 1 && args[0] == 1", 1));
        assertFalse(test("args[0] < 1", 1));
        assertFalse(test("args[0] > 1", 1));
        assertFalse(test("args[0] <= 0", 1));
        assertFalse(test("args[0] >= 2", 1));
    }

    @Test
    void strings_equalByContentOrderedLexicographically() {
        assertTrue(test("args[0] == 'abc'", new String("abc")));
        assertTrue(test("args[0] == \"abc\"", new StringBuilder("abc")));
        assertTrue(test("args[0] < 'abd'", "abc"));
        assertTrue(test("'B' < 'a'"));
        assertFalse(test("args[0] != 'x'", "x"));
    }

    @Test
    void enumAndString_compareByName() {
        assertTrue(test("args[0] == 'PAID'", Status.PAID));
        assertTrue(test("'PAID' == args[0]", Status.PAID));
        assertTrue(test("args[0] != 'NEW'", Status.PAID));
        assertTrue(test("args[0] == args[1]", Status.PAID, Status.PAID));
        assertTrue(test("args[0] < args[1]", Status.NEW, Status.SHIPPED));
    }

    @Test
    void characterAndString_compareAsText() {
        assertTrue(test("args[0] == 'y'", 'y'));
        assertFalse(test("args[0] == 'yy'", 'y'));
        assertTrue(test("args[0] < 'z'", 'y'));
    }

    @Test
    void nullEquality_nullEqualsOnlyNull() {
        assertTrue(test("null == null"));
        assertTrue(test("args[0] == null", (Object) null));
        assertFalse(test("args[0] == null", 0));
        assertTrue(test("args[0] != null", "x"));
        assertFalse(test("args[0] == 0", (Object) null));
    }

    @Test
    void otherObjects_equalsAndSameClassCompareTo() {
        assertTrue(test("args[0] == args[1]", List.of(1, 2), List.of(1, 2)));
        assertTrue(test("args[0] < args[1]", LocalDate.of(2024, 1, 1), LocalDate.of(2024, 6, 1)));
        assertFalse(test("args[0] == 5", List.of(5)));
    }

    @Test
    void stringWithNumber_evaluationException() {
        EvaluationException eq = assertThrows(EvaluationException.class, () -> test("args[0] == 5", "5"));
        assertEquals("'args[0] == 5': cannot compare String \"5\" with Long 5", eq.getMessage());
        EvaluationException lt = assertThrows(EvaluationException.class, () -> test("args[0] > 5", "6"));
        assertTrue(lt.getMessage().startsWith("'args[0] > 5': cannot order String \"6\" and Long 5"),
                lt.getMessage());
    }

    @Test
    void otherMismatches_evaluationException() {
        assertThrows(EvaluationException.class, () -> test("args[0] == 1", true));
        assertThrows(EvaluationException.class, () -> test("args[0] < true", false));
        assertThrows(EvaluationException.class, () -> test("args[0] == 1", Status.NEW));
        assertThrows(EvaluationException.class, () -> test("args[0] < args[1]", List.of(), List.of()));
        assertThrows(EvaluationException.class, () -> test("args[0] < 'PAID'", Status.NEW));
    }

    @Test
    void equalsThatThrows_evaluationExceptionWithCause() {
        Object nasty = new Object() {
            @Override
            public boolean equals(Object o) {
                throw new IllegalStateException("no");
            }

            @Override
            public int hashCode() {
                return 0;
            }
        };
        EvaluationException e = assertThrows(EvaluationException.class, () -> test("args[0] == args[1]", nasty, "x"));
        assertTrue(e.getCause() instanceof IllegalStateException, String.valueOf(e.getCause()));
        assertEquals("'args[0] == args[1]': comparing threw java.lang.IllegalStateException: no", e.getMessage());
    }
}
