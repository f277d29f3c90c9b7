package dev.telltale.probe;

import java.lang.invoke.MethodType;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a probe is attached to: a method named by its declaring type and name, optionally one
 * overload by its JVM descriptor ({@code "com.acme.Orders#checkout"}, {@code
 * "com.acme.Orders#checkout(Ljava/lang/String;I)Z"}), or an instrumented {@link
 * java.lang.invoke.MethodHandle} by the name it was given ({@code "handle:pricing"}).
 *
 * <p>A method target is served by every proxy of that interface made with {@link Probes#proxy}
 * (all overloads unless a descriptor picks one); named methods of any class need the agent.
 * Immutable; equal targets have equal {@link #toString()} forms, which {@link #parse} reads back.
 */
public final class Target {

    private static final Pattern TYPE = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    private static final Pattern METHOD = Pattern.compile("<init>|[\\p{L}_$][\\p{L}\\p{N}_$]*");
    private static final Pattern DESCRIPTOR = Pattern.compile("\\((\\[*([BCDFIJSZ]|L[^;]+;))*\\)(\\[*([BCDFIJSZ]|L[^;]+;)|V)");
    private static final String HANDLE = "handle:";

    private final String type;
    private final String method;
    private final String descriptor;
    private final String text;

    private Target(String type, String method, String descriptor) {
        this.type = type;
        this.method = method;
        this.descriptor = descriptor;
        this.text = type == null ? HANDLE + method : type + "#" + method + (descriptor == null ? "" : descriptor);
    }

    /**
     * Every overload of {@code method} declared by or inherited into {@code type}.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code method} is not a Java identifier or {@code <init>}
     */
    public static Target method(Class<?> type, String method) {
        Objects.requireNonNull(type, "type == null");
        return parse(type.getName() + "#" + Objects.requireNonNull(method, "method == null"));
    }

    /**
     * The overload of {@code method} with this parameter list.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code method} is not a Java identifier or {@code <init>}
     */
    public static Target method(Class<?> type, String method, Class<?> returnType, Class<?>... parameterTypes) {
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(method, "method == null");
        String descriptor = MethodType.methodType(returnType, parameterTypes).toMethodDescriptorString();
        return parse(type.getName() + "#" + method + descriptor);
    }

    /**
     * The instrumented method handle named {@code name} (see {@link Probes#handle}).
     *
     * @throws NullPointerException if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank, or starts or ends with white space
     *     (which {@link #parse} would not read back)
     */
    public static Target handle(String name) {
        Objects.requireNonNull(name, "name == null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a handle's name is blank");
        }
        if (!name.strip().equals(name)) {
            throw new IllegalArgumentException("a handle's name '" + name + "' starts or ends with white space");
        }
        return new Target(null, name, null);
    }

    /**
     * Reads a target from its text: {@code "pkg.Type#method"}, {@code
     * "pkg.Type#method(descriptor)"} (nested types with {@code $}), or {@code "handle:name"}; white
     * space around the text, and around a handle's name, is ignored.
     *
     * @throws NullPointerException if {@code text} is null
     * @throws IllegalArgumentException if {@code text} is none of these; the message says which
     *     part is wrong
     */
    public static Target parse(String text) {
        Objects.requireNonNull(text, "target == null");
        String t = text.strip();
        if (t.startsWith(HANDLE)) {
            return handle(t.substring(HANDLE.length()).strip());
        }
        int hash = t.indexOf('#');
        if (hash < 0) {
            throw new IllegalArgumentException("target '" + text
                    + "' has no '#': write it as com.acme.Type#method, com.acme.Type#method(descriptor) or handle:name");
        }
        String type = t.substring(0, hash);
        String rest = t.substring(hash + 1);
        int paren = rest.indexOf('(');
        String method = paren < 0 ? rest : rest.substring(0, paren);
        String descriptor = paren < 0 ? null : rest.substring(paren);
        if (!TYPE.matcher(type).matches()) {
            throw new IllegalArgumentException("target '" + text + "': '" + type + "' is not a class name");
        }
        if (!METHOD.matcher(method).matches()) {
            throw new IllegalArgumentException("target '" + text + "': '" + method + "' is not a method name");
        }
        if (descriptor != null && !DESCRIPTOR.matcher(descriptor).matches()) {
            throw new IllegalArgumentException("target '" + text + "': '" + descriptor
                    + "' is not a JVM method descriptor such as (Ljava/lang/String;I)V");
        }
        return new Target(type, method, descriptor);
    }

    /** Whether this names an instrumented method handle rather than a method. */
    public boolean isHandle() {
        return type == null;
    }

    /** The declaring type's binary name, or null for a handle. */
    public String typeName() {
        return type;
    }

    /** The method's name, or the handle's name. */
    public String methodName() {
        return method;
    }

    /** The JVM descriptor picking one overload, or null for all of them (and for handles). */
    public String descriptor() {
        return descriptor;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Target other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The target's text, as {@link #parse} reads it. */
    @Override
    public String toString() {
        return text;
    }
}
