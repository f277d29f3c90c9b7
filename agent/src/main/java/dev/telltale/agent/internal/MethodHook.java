package dev.telltale.agent.internal;

/**
 * What a {@link Rewriter} puts into one method: calls to {@link dev.telltale.agent.bridge.Hooks}
 * with this site number, in the lean form (no arguments, receiver or result captured) or the full
 * one.
 *
 * @param site the number the dispatch knows the method by
 * @param full whether the hooks capture the receiver, the arguments (boxed into an
 *     {@code Object[]}) and the result
 */
public record MethodHook(int site, boolean full) {
}
