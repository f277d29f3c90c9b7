package dev.telltale.core.internal.probe.expr;

/**
 * {@code target.name} (or {@code target.size()}, {@code target.length()}): null when the target
 * is null, otherwise read as {@link Members} finds. Remembers the last class it read, so a
 * property that always sees one class skips even the shared cache.
 */
final class Property extends Node {

    private final Node target;
    private final String name;
    /** The last accessor used; racy but safe, since an {@link Accessor} is immutable. */
    private Accessor last;

    Property(String text, Node target, String name) {
        super(text);
        this.target = target;
        this.name = name;
    }

    @Override
    Object eval(Scope scope) {
        Object value = target.eval(scope);
        if (value == null) {
            return null;
        }
        Accessor accessor = last;
        if (accessor == null || accessor.type != value.getClass()) {
            accessor = Members.find(value, name);
            last = accessor;
        }
        return accessor.read(value, text);
    }
}
