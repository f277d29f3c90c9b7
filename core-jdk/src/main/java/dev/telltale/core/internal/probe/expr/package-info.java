/**
 * The expression language of probes' values and conditions ({@link
 * dev.telltale.probe.InstrumentSpec#value()}, {@link dev.telltale.probe.InstrumentSpec#condition()}):
 * {@link dev.telltale.core.internal.probe.expr.Expression}, evaluated against a {@link
 * dev.telltale.core.internal.probe.expr.Scope}.
 *
 * <p><b>Not exported.</b> The probe engine uses it; applications see only the text.
 *
 * <h2>The language</h2>
 * <ul>
 *   <li><b>The call</b>: {@code args[0]} (an integer literal index), {@code args.length}, a
 *       parameter's name (resolved through {@link
 *       dev.telltale.core.internal.probe.expr.Scope#parameterIndex} on each evaluation; needs
 *       {@code -parameters}), {@code this}, {@code result}, {@code exception}, {@code elapsed}
 *       (a {@code long}, nanoseconds), {@code thread}.
 *   <li><b>Paths</b>: {@code a.b.c} reads, in order, {@code size} of a collection or map, {@code
 *       length} of an array or text, a record component, a public {@code getB()}, {@code isB()}
 *       (boolean), {@code b()}, or a public field. {@code .size()} and {@code .length()} are
 *       written with or without parentheses; no other method may be called. A null anywhere on a
 *       path makes the path null. Sizes and lengths are {@link Long}s.
 *   <li><b>Literals</b>: integers ({@code long}), decimals ({@code double}, {@code 1.5}, {@code
 *       2e3}), strings in single or double quotes with {@code \\ \' \" \n \t \r \b \f \0}
 *       escapes (and a backslash, {@code u} and four hex digits), {@code true}, {@code false},
 *       {@code null}, and durations {@code 10ns}, {@code 250us}, {@code 5ms}, {@code 2s} (also
 *       {@code 1.5s}), which are {@code long} nanoseconds.
 *   <li><b>Operators</b>, loosest first: {@code ||}; {@code &&}; {@code == !=}; {@code < <= > >=}
 *       (not chained); {@code + -}; {@code * / %}; unary {@code ! -}; then paths. Parentheses
 *       group.
 * </ul>
 *
 * <h2>Meaning</h2>
 * <ul>
 *   <li>Numbers of any type compare by value ({@code 1 == 1.0}, an {@link Integer} with a {@link
 *       java.math.BigDecimal}); text compares by content, lexicographically; an enum equals the
 *       string of its name ({@code status == 'PAID'}); a {@link Character} equals a one-character
 *       string; other objects are equal by {@code equals} and ordered by {@code compareTo} when
 *       of one class. {@code null == null} is true. Comparing kinds that can never match (a
 *       string with a number) is an error, not false.
 *   <li>Arithmetic on two whole numbers is {@code long} (division truncates; overflow and division
 *       by zero are errors), on a {@link java.math.BigDecimal} or {@link java.math.BigInteger}
 *       exact decimal (division to 34 digits), otherwise {@code double}. There is no string
 *       concatenation.
 *   <li>Null is an unknown: an ordering or arithmetic with a null operand is null; {@code &&},
 *       {@code ||} and {@code !} use three-valued logic ({@code null && false} is false). A
 *       condition is met only when it gives {@code true}.
 *   <li>Arithmetic on literals alone is done when parsing, so {@code 1 / 0} is a syntax error.
 * </ul>
 *
 * <h2>Safety</h2>
 * No assignment, no {@code new}, no method calls but {@code size()} and {@code length()}, no
 * static members, no class loading; properties of {@link java.lang.Class}, class loaders,
 * modules and reflection objects are refused, as is {@code getClass()}. Getters are called as
 * they are, so they should be free of side effects. Text is at most 1,000 characters and nests
 * at most 64 levels. Only public members are read; one of a class that Telltale may not access
 * is read through a public superclass or interface that declares it, or else only when its
 * package is open to Telltale (class-path code is).
 *
 * <p><b>Nulls.</b> Expression text and scopes must not be null; values may be.
 */
package dev.telltale.core.internal.probe.expr;
