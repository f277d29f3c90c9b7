package dev.telltale.core.internal.probe.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Text that is not an expression: every error names its column and quotes the text. */
class ExpressionSyntaxTest {

    private static ExpressionException fails(String text) {
        return assertThrows(ExpressionException.class, () -> Expression.parse(text), text);
    }

    private static void fails(String text, int column, String message) {
        ExpressionException e = fails(text);
        assertEquals(column, e.column(), e.getMessage());
        assertEquals(message, e.getMessage());
    }

    @Test
    void unclosedParenthesis_columnAtTheEnd_namesTheOpening() {
        fails("(args[0] > 1", 13, "column 13: expected ')' to close the '(' at column 1 after '(args[0] > 1'");
    }

    @Test
    void unclosedIndex_columnAtTheEnd() {
        fails("args[0", 7, "column 7: expected ']' after 'args[0'");
    }

    @Test
    void wrongTokenWhereClosingExpected_namesWhatWasFound() {
        fails("args[0 > 1", 8, "column 8: expected ']' but found '>' after 'args[0'");
    }

    @Test
    void badCharacter_columnOfTheCharacter() {
        fails("a # b", 3, "column 3: unexpected character '#' after 'a'");
    }

    @Test
    void trailingText_columnOfTheFirstExtraToken() {
        fails("a == 1 b", 8, "column 8: expected an operator or the end, found 'b' after 'a == 1'");
        fails("x)", 2, "column 2: expected an operator or the end, found ')' after 'x'");
    }

    @Test
    void emptyOrBlank_column1() {
        fails("", 1, "column 1: the expression is empty");
        fails("  \t ", 1, "column 1: the expression is empty");
    }

    @Test
    void missingOperand_namesTheEnd() {
        fails("a ==", 5, "column 5: expected a value, found the end after 'a =='");
        fails("()", 2, "column 2: expected a value, found ')' after '('");
        fails("* 2", 1, "column 1: expected a value, found '*' in '* 2'");
    }

    @Test
    void nestedDeeperThanLimit_rejectedAtTheLevelPastIt() {
        String ok = "(".repeat(Expression.MAX_DEPTH) + "1" + ")".repeat(Expression.MAX_DEPTH);
        assertEquals(1L, Expression.parse(ok).evaluate(FakeScope.of()));

        String deep = "(".repeat(Expression.MAX_DEPTH + 1) + "1" + ")".repeat(Expression.MAX_DEPTH + 1);
        ExpressionException e = fails(deep);
        assertEquals(Expression.MAX_DEPTH + 1, e.column());
        assertTrue(e.getMessage().contains("nests deeper than 64"), e.getMessage());

        ExpressionException nots = fails("!".repeat(Expression.MAX_DEPTH + 1) + "true");
        assertEquals(Expression.MAX_DEPTH + 1, nots.column());
    }

    @Test
    void longerThanLimit_rejectedWithTheLength() {
        String ok = "1" + " ".repeat(Expression.MAX_LENGTH - 1);
        assertEquals(1L, Expression.parse(ok).evaluate(FakeScope.of()));
        fails(ok + " ", 1001, "column 1001: the expression is longer than 1000 characters (it has 1001)");
    }

    @Test
    void singleEquals_pointsToDoubleEquals() {
        ExpressionException e = fails("status = 'PAID'");
        assertEquals(8, e.column());
        assertTrue(e.getMessage().contains("compare with '=='"), e.getMessage());
    }

    @Test
    void singleAmpersandOrBar_pointsToTheDoubledOperator() {
        assertTrue(fails("a & b").getMessage().contains("use '&&'"));
        assertTrue(fails("a | b").getMessage().contains("use '||'"));
    }

    @Test
    void chainedComparison_rejectedWithTheFix() {
        fails("1 < x < 3", 7, "column 7: comparisons do not chain; write 'a < b && b < c' after '1 < x'");
    }

    @Test
    void unclosedString_columnOfItsQuote() {
        fails("name == 'abc", 9, "column 9: string starting here is not closed with ' after 'name =='");
        fails("\"abc\\", 1, "column 1: string starting here is not closed with \" in '\"abc\\'");
    }

    @Test
    void unknownEscape_columnOfTheBackslash() {
        ExpressionException e = fails("'a\\qb'");
        assertEquals(3, e.column());
        assertTrue(e.getMessage().contains("unknown escape '\\q'"), e.getMessage());
    }

    @Test
    void badUnicodeEscape_columnOfTheBackslash() {
        ExpressionException e = fails("'\\u12g4'");
        assertEquals(2, e.column());
        assertTrue(e.getMessage().contains("4 hex digits"), e.getMessage());
    }

    @Test
    void unknownDurationUnit_columnOfTheUnit() {
        ExpressionException e = fails("elapsed > 5min");
        assertEquals(12, e.column());
        assertTrue(e.getMessage().contains("unknown unit 'min' after 5"), e.getMessage());
    }

    @Test
    void fractionalNanoseconds_rejected() {
        assertEquals(11, fails("elapsed > 1.5ns").column());
    }

    @Test
    void integerTooLarge_rejected() {
        ExpressionException e = fails("x > 9223372036854775808");
        assertEquals(5, e.column());
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void badExponent_rejected() {
        assertEquals(2, fails("1e+").column());
    }

    @Test
    void dotWithoutName_columnAfterTheDot() {
        fails("order.", 7, "column 7: expected a property name after '.', found the end after 'order.'");
        fails("order.5", 7, "column 7: expected a property name after '.', found '5' after 'order.'");
    }

    @Test
    void methodCallOtherThanSizeOrLength_rejected() {
        ExpressionException e = fails("order.getTotal()");
        assertEquals(7, e.column());
        assertTrue(e.getMessage().contains("only size() and length() may be called"), e.getMessage());
        assertEquals(12, fails("items.size(1)").column());
    }

    @Test
    void argsWithoutIndex_rejected() {
        fails("args", 5, "column 5: expected '[' after 'args' (args[0] is the first argument, args.length"
                + " their number) after 'args'");
        assertEquals(6, fails("args[x]").column());
        assertEquals(6, fails("args[-1]").column());
        assertEquals(6, fails("args[1.5]").column());
        assertEquals(6, fails("args[9999999999]").column());
    }

    @Test
    void newOrAssignment_rejected() {
        ExpressionException e = fails("new Object()");
        assertEquals(1, e.column());
        assertTrue(e.getMessage().contains("'new' is not allowed"), e.getMessage());
    }

    @Test
    void constantArithmeticThatAlwaysFails_rejectedWhenParsed() {
        ExpressionException zero = fails("x > 1 / 0");
        assertEquals(7, zero.column());
        assertTrue(zero.getMessage().contains("division by zero"), zero.getMessage());
        assertTrue(fails("'a' * 2").getMessage().contains("'*' needs numbers"));
        assertTrue(fails("-'a'").getMessage().contains("'-' needs numbers"));
    }

    @Test
    void longTextBeforeTheError_quotedShortened() {
        String text = "a == 1 && " + "b == 2 && ".repeat(10) + "c ==";
        ExpressionException e = fails(text);
        assertTrue(e.getMessage().endsWith("after '..." + text.substring(text.length() - 60) + "'"), e.getMessage());
    }

    @Test
    void nullText_nullPointerException() {
        assertThrows(NullPointerException.class, () -> Expression.parse(null));
    }

    @Test
    void parsed_keepsTheTextAsGiven() {
        Expression e = Expression.parse(" args[0] >  1 ");
        assertEquals(" args[0] >  1 ", e.text());
        assertEquals(" args[0] >  1 ", e.toString());
    }
}
