package dev.telltale.core.internal.probe.expr;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Splits an expression's text into {@link Token}s. Used once per parse; not thread-safe. */
final class Lexer {

    private static final String[] OPERATORS = {
        "==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "+", "-", "*", "/", "%", "(", ")", "[", "]", "."
    };
    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

    private final String text;
    private final Errors errors;
    private int pos;

    private Lexer(String text, Errors errors) {
        this.text = text;
        this.errors = errors;
    }

    /** The tokens of {@code text}, ending with one {@link Token.Kind#END}. */
    static List<Token> tokens(String text, Errors errors) {
        Lexer lexer = new Lexer(text, errors);
        List<Token> tokens = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            tokens.add(t);
        } while (t.kind() != Token.Kind.END);
        return tokens;
    }

    private Token next() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        int start = pos;
        if (pos >= text.length()) {
            return new Token(Token.Kind.END, start, start, "", null);
        }
        char c = text.charAt(pos);
        if (c >= '0' && c <= '9') {
            return number(start);
        }
        if (c == '\'' || c == '"') {
            return string(start, c);
        }
        if (Character.isJavaIdentifierStart(c)) {
            while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
                pos++;
            }
            return new Token(Token.Kind.IDENTIFIER, start, pos, text.substring(start, pos), null);
        }
        for (String op : OPERATORS) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                return new Token(Token.Kind.OPERATOR, start, pos, op, null);
            }
        }
        throw errors.at(start, switch (c) {
            case '=' -> "'=' is not an operator (there is no assignment); compare with '=='";
            case '&' -> "'&' is not an operator; use '&&'";
            case '|' -> "'|' is not an operator; use '||'";
            default -> "unexpected character '" + c + "'";
        });
    }

    private Token number(int start) {
        digits();
        boolean decimal = false;
        if (pos + 1 < text.length() && text.charAt(pos) == '.' && isDigit(text.charAt(pos + 1))) {
            pos++;
            digits();
            decimal = true;
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int e = pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            if (pos >= text.length() || !isDigit(text.charAt(pos))) {
                throw errors.at(e, "expected the exponent's digits");
            }
            digits();
            decimal = true;
        }
        String number = text.substring(start, pos);
        int unitStart = pos;
        while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
            pos++;
        }
        String unit = text.substring(unitStart, pos);
        String all = text.substring(start, pos);
        if (!unit.isEmpty()) {
            return new Token(Token.Kind.DURATION, start, pos, all, nanos(number, unit, start, unitStart));
        }
        if (decimal) {
            double d = Double.parseDouble(number);
            if (Double.isInfinite(d)) {
                throw errors.at(start, "number " + number + " is too large");
            }
            return new Token(Token.Kind.DECIMAL, start, pos, all, d);
        }
        BigInteger value = new BigInteger(number);
        if (value.compareTo(MAX_LONG) > 0) {
            throw errors.at(start, "integer " + number + " is too large (the largest is " + Long.MAX_VALUE + ")");
        }
        return new Token(Token.Kind.INTEGER, start, pos, all, value.longValue());
    }

    private Long nanos(String number, String unit, int start, int unitStart) {
        long scale = switch (unit) {
            case "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            default -> throw errors.at(unitStart, "unknown unit '" + unit + "' after " + number
                    + "; a duration is a number followed by ns, us, ms or s");
        };
        BigDecimal nanos = new BigDecimal(number).multiply(BigDecimal.valueOf(scale));
        try {
            return nanos.longValueExact();
        } catch (ArithmeticException e) {
            throw errors.at(start, "duration " + number + unit
                    + " is not a whole number of nanoseconds that fits in a long");
        }
    }

    private Token string(int start, char quote) {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) {
                throw errors.at(start, "string starting here is not closed with " + quote);
            }
            char c = text.charAt(pos++);
            if (c == quote) {
                return new Token(Token.Kind.STRING, start, pos, text.substring(start, pos), sb.toString());
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw errors.at(start, "string starting here is not closed with " + quote);
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '\\', '\'', '"' -> sb.append(e);
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case '0' -> sb.append('\0');
                case 'u' -> sb.append(unicode(pos - 2));
                default -> throw errors.at(pos - 2, "unknown escape '\\" + e
                        + "' (use \\\\, \\', \\\", \\n, \\t, \\r, \\b, \\f, \\0 or \\uXXXX)");
            }
        }
    }

    private char unicode(int escapeStart) {
        if (pos + 4 > text.length()) {
            throw errors.at(escapeStart, "expected 4 hex digits after \\u");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos + i), 16);
            if (digit < 0) {
                throw errors.at(escapeStart, "expected 4 hex digits after \\u");
            }
            value = value * 16 + digit;
        }
        pos += 4;
        return (char) value;
    }

    private void digits() {
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
