package dev.telltale.agent.internal;

/**
 * Rewrites the bytes of one class so that chosen methods call the {@link
 * dev.telltale.agent.bridge.Hooks}. Two implementations give the same result: {@code
 * ClassFileRewriter} ({@code java.lang.classfile}, JDK 24+) and {@code AsmRewriter} (shaded ASM,
 * any JDK).
 *
 * <p>The shape every implementation produces, for a method the plan gives a {@link MethodHook}:
 * <ul>
 *   <li>on entry (in a constructor: right after its {@code super(...)} or {@code this(...)} call)
 *       {@code long start = Hooks.enterLean(site)}, or {@code Hooks.enter(site, self, args)} when
 *       {@link MethodHook#full()}: {@code self} is {@code this} (null in a static method), {@code
 *       args} a new {@code Object[]} of the parameters, primitives boxed;
 *   <li>before every normal return {@code Hooks.exitLean(site, start)} or {@code Hooks.exit(site,
 *       start, self, args, result)} (result boxed; null for void);
 *   <li>one handler for any {@code Throwable} over the original body (not over the injected
 *       calls) that calls {@code Hooks.failLean(site, start, error)} or {@code Hooks.fail(site,
 *       start, self, args, error)} and rethrows the same throwable.
 * </ul>
 * Exit and fail get the same receiver and the same {@code args} array as entry (kept in locals of
 * their own, so a method that reuses slot 0 does not change them). What the hooks throw
 * propagates (a breakpoint can throw into the target on purpose); no handler of the target's own
 * covers an injected call. Nothing
 * else of the method changes: its signature, its other code, line numbers and local variable
 * tables stay. No field or method is added (retransformation forbids it).
 *
 * <p>Thread-safe: one instance serves every class.
 */
public interface Rewriter {

    /** Which methods to rewrite and how. */
    @FunctionalInterface
    interface Plan {
        /**
         * The hook for the method {@code name}{@code descriptor} with access flags {@code access}
         * (as in the class file), or null to leave it alone.
         */
        MethodHook hookFor(String name, String descriptor, int access);
    }

    /** A short name for messages and settings: {@code "classfile"} or {@code "asm"}. */
    String name();

    /**
     * The class {@code classfile} with the planned methods rewritten, or null when the plan chose
     * none of its methods.
     *
     * @param loader the loader that defines the class (null for the bootstrap loader), to read the
     *     class files of its supertypes when stack maps are computed; classes are never loaded
     * @throws RewriteException if a chosen method cannot be rewritten (abstract, native, a class
     *     initializer, too large,
     *     a class file this rewriter cannot read); the message names class and method
     */
    byte[] rewrite(byte[] classfile, ClassLoader loader, Plan plan) throws RewriteException;
}
