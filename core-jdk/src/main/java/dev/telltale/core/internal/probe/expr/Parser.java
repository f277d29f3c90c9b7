package dev.telltale.core.internal.probe.expr;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns text into a tree of {@link Node}s, by recursive descent. Precedence, loosest first:
 * {@code ||}; {@code &&}; {@code == !=}; {@code < <= > >=} (not chained); {@code + -}; {@code * /
 * %}; unary {@code ! -}; {@code .name}, {@code .size()}, {@code .length()}. Arithmetic on literals
 * is done here, once. One instance per parse; not thread-safe.
 */
final class Parser {

    private final String text;
    private final Errors errors;
    private final List<Token> tokens;
    private int next;
    private int depth;
    private int reads;
    private final Set<String> parameters = new LinkedHashSet<>();

    private Parser(String text) {
        this.text = text;
        this.errors = new Errors(text);
        this.tokens = Lexer.tokens(text, errors);
    }

    static Expression parse(String text) {
        if (text.length() > Expression.MAX_LENGTH) {
            throw new ExpressionException(Expression.MAX_LENGTH + 1, "column " + (Expression.MAX_LENGTH + 1)
                    + ": the expression is longer than " + Expression.MAX_LENGTH + " characters (it has "
                    + text.length() + ")");
        }
        if (text.isBlank()) {
            throw new ExpressionException(1, "column 1: the expression is empty");
        }
        Parser parser = new Parser(text);
        Node root = parser.or();
        Token end = parser.peek();
        if (end.kind() != Token.Kind.END) {
            throw parser.errors.at(end.start(), "expected an operator or the end, found " + end.describe());
        }
        return new Expression(text, root, parser.reads, Collections.unmodifiableSet(parser.parameters));
    }

    private Node or() {
        int start = peek().start();
        Node left = and();
        while (peek().is("||")) {
            next();
            Node right = and();
            left = new Logic.Or(span(start), left, right);
        }
        return left;
    }

    private Node and() {
        int start = peek().start();
        Node left = equality();
        while (peek().is("&&")) {
            next();
            Node right = equality();
            left = new Logic.And(span(start), left, right);
        }
        return left;
    }

    private Node equality() {
        int start = peek().start();
        Node left = relation();
        while (peek().is("==") || peek().is("!=")) {
            String op = next().text();
            Node right = relation();
            left = Comparison.of(span(start), op, left, right);
        }
        return left;
    }

    private Node relation() {
        int start = peek().start();
        Node left = additive();
        if (isRelation(peek())) {
            String op = next().text();
            Node right = additive();
            left = Comparison.of(span(start), op, left, right);
            if (isRelation(peek())) {
                throw errors.at(peek().start(), "comparisons do not chain; write 'a < b && b < c'");
            }
        }
        return left;
    }

    private static boolean isRelation(Token t) {
        return t.is("<") || t.is("<=") || t.is(">") || t.is(">=");
    }

    private Node additive() {
        int start = peek().start();
        Node left = multiplicative();
        while (peek().is("+") || peek().is("-")) {
            Token op = next();
            Node right = multiplicative();
            left = fold(Arithmetic.of(span(start), op.text().charAt(0), left, right), op, left, right);
        }
        return left;
    }

    private Node multiplicative() {
        int start = peek().start();
        Node left = unary();
        while (peek().is("*") || peek().is("/") || peek().is("%")) {
            Token op = next();
            Node right = unary();
            left = fold(Arithmetic.of(span(start), op.text().charAt(0), left, right), op, left, right);
        }
        return left;
    }

    private Node unary() {
        Token op = peek();
        if (!op.is("!") && !op.is("-")) {
            return postfix();
        }
        next();
        enter(op);
        Node operand = unary();
        depth--;
        String span = span(op.start());
        return op.is("!") ? new Logic.Not(span, operand) : fold(Arithmetic.negate(span, operand), op, operand, operand);
    }

    private Node postfix() {
        int start = peek().start();
        Node node = primary();
        while (peek().is(".")) {
            next();
            Token name = next();
            if (name.kind() != Token.Kind.IDENTIFIER) {
                throw errors.at(name.start(), "expected a property name after '.', found " + name.describe());
            }
            if (peek().is("(")) {
                if (!name.text().equals("size") && !name.text().equals("length")) {
                    throw errors.at(name.start(), "'" + name.text() + "(' is a method call; only size() and"
                            + " length() may be called (write '." + name.text() + "' to read a property)");
                }
                next();
                expect(")", "expected ')' after '" + name.text() + "('");
            }
            node = new Property(span(start), node, name.text());
        }
        return node;
    }

    private Node primary() {
        Token t = next();
        switch (t.kind()) {
            case INTEGER, DURATION:
                return new Node.LongLiteral(t.text(), (Long) t.value());
            case DECIMAL, STRING:
                return new Node.Literal(t.text(), t.value());
            case IDENTIFIER:
                return word(t);
            case OPERATOR:
                if (t.is("(")) {
                    enter(t);
                    Node inner = or();
                    expect(")", "expected ')' to close the '(' at column " + (t.start() + 1));
                    depth--;
                    return inner;
                }
                break;
            default:
                break;
        }
        throw errors.at(t.start(), "expected a value, found " + t.describe());
    }

    private Node word(Token t) {
        switch (t.text()) {
            case "true":
                return new Node.Literal("true", Boolean.TRUE);
            case "false":
                return new Node.Literal("false", Boolean.FALSE);
            case "null":
                return new Node.Literal("null", null);
            case "this":
                return part(t, Symbol.THIS);
            case "result":
                return part(t, Symbol.RESULT);
            case "exception":
                return part(t, Symbol.EXCEPTION);
            case "thread":
                return part(t, Symbol.THREAD);
            case "elapsed":
                reads |= 1 << Symbol.ELAPSED.ordinal();
                return new Reads.Elapsed("elapsed");
            case "args":
                return args(t);
            case "new":
                throw errors.at(t.start(), "'new' is not allowed: expressions do not create objects");
            default:
                reads |= 1 << Symbol.ARGS.ordinal();
                parameters.add(t.text());
                return new Reads.Parameter(t.text());
        }
    }

    private Node part(Token t, Symbol symbol) {
        reads |= 1 << symbol.ordinal();
        return new Reads.Part(t.text(), symbol);
    }

    private Node args(Token args) {
        reads |= 1 << Symbol.ARGS.ordinal();
        if (peek().is("[")) {
            next();
            Token index = next();
            if (index.kind() != Token.Kind.INTEGER) {
                throw errors.at(index.start(), "expected an argument index (0, 1, ...) after 'args[', found "
                        + index.describe());
            }
            long i = (Long) index.value();
            if (i > Integer.MAX_VALUE) {
                throw errors.at(index.start(), "argument index " + i + " is too large");
            }
            expect("]", "expected ']'");
            return new Reads.Arg(span(args.start()), (int) i);
        }
        Token after = tokens.get(next + 1 < tokens.size() ? next + 1 : next);
        if (peek().is(".") && (after.isWord("length") || after.isWord("size"))) {
            next();
            next();
            if (peek().is("(")) {
                next();
                expect(")", "expected ')' after '" + after.text() + "('");
            }
            return new Reads.ArgCount(span(args.start()));
        }
        throw errors.at(peek().start(), "expected '[' after 'args' (args[0] is the first argument,"
                + " args.length their number)");
    }

    /** Replaces arithmetic on literals by its value, or reports the error it always gives. */
    private Node fold(Node node, Token op, Node left, Node right) {
        if (!isLiteral(left) || !isLiteral(right)) {
            return node;
        }
        Object value;
        try {
            value = node.eval(null);
        } catch (EvaluationException e) {
            throw errors.at(op.start(), e.getMessage());
        }
        return value instanceof Long l ? new Node.LongLiteral(node.text, l) : new Node.Literal(node.text, value);
    }

    private static boolean isLiteral(Node node) {
        return node instanceof Node.Literal || node instanceof Node.LongLiteral;
    }

    private void enter(Token t) {
        if (++depth > Expression.MAX_DEPTH) {
            throw errors.at(t.start(), "the expression nests deeper than " + Expression.MAX_DEPTH
                    + " levels of parentheses and unary operators");
        }
    }

    private void expect(String operator, String problem) {
        Token t = peek();
        if (!t.is(operator)) {
            throw errors.at(t.start(), t.kind() == Token.Kind.END ? problem : problem + " but found " + t.describe());
        }
        next();
    }

    private String span(int start) {
        return text.substring(start, tokens.get(next - 1).end());
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token next() {
        Token t = tokens.get(next);
        if (t.kind() != Token.Kind.END) {
            next++;
        }
        return t;
    }
}
