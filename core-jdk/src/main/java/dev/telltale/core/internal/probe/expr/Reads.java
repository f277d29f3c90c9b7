package dev.telltale.core.internal.probe.expr;

/** The nodes that read a part of the call from the {@link Scope}. */
final class Reads {

    private Reads() {}

    /** {@code args[i]}. */
    static final class Arg extends Node {

        private final int index;

        Arg(String text, int index) {
            super(text);
            this.index = index;
        }

        @Override
        Object eval(Scope scope) {
            int count = scope.argCount();
            if (index >= count) {
                throw new EvaluationException("'" + text + "': the call has " + count
                        + (count == 1 ? " argument" : " arguments"));
            }
            return scope.arg(index);
        }
    }

    /** {@code args.length}: how many arguments the call has. */
    static final class ArgCount extends Node.OfLong {

        ArgCount(String text) {
            super(text);
        }

        @Override
        long evalLong(Scope scope) {
            return scope.argCount();
        }
    }

    /** A parameter's name, resolved for each call (a shared expression may serve several targets). */
    static final class Parameter extends Node {

        Parameter(String name) {
            super(name);
        }

        @Override
        Object eval(Scope scope) {
            int index = scope.parameterIndex(text);
            if (index < 0) {
                throw new EvaluationException("'" + text + "': the target has no parameter named '" + text
                        + "' (parameter names are known only when the target is compiled with"
                        + " -parameters; compile with -parameters or use args[N])");
            }
            int count = scope.argCount();
            if (index >= count) {
                throw new EvaluationException("'" + text + "' is parameter " + index + " but the call has "
                        + count + (count == 1 ? " argument" : " arguments"));
            }
            return scope.arg(index);
        }
    }

    /** {@code elapsed}, in nanoseconds. */
    static final class Elapsed extends Node.OfLong {

        Elapsed(String text) {
            super(text);
        }

        @Override
        long evalLong(Scope scope) {
            return scope.elapsedNanos();
        }
    }

    /** {@code this}, {@code result}, {@code exception} or {@code thread}. */
    static final class Part extends Node {

        private final Symbol symbol;

        Part(String text, Symbol symbol) {
            super(text);
            this.symbol = symbol;
        }

        @Override
        Object eval(Scope scope) {
            return switch (symbol) {
                case THIS -> scope.self();
                case RESULT -> scope.result();
                case EXCEPTION -> scope.exception();
                case THREAD -> scope.thread();
                case ARGS, ELAPSED -> throw new AssertionError(symbol);
            };
        }
    }
}
