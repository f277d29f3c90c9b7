package dev.telltale.core.internal.probe.expr;

import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds how to read property {@code name} of a class, once per (class, name), and remembers it
 * (failures too). In order: {@code size} of a {@link Collection} or {@link Map}; {@code length}
 * of an array or {@link CharSequence}; a record component; public no-arg instance methods {@code
 * getName()}, {@code isName()} (returning a boolean) and {@code name()}; a public instance field.
 *
 * <p>Only public members are used. A member is invoked through a public class or interface that
 * Telltale's module may read (so a getter of a non-public implementation is called through the
 * public interface that declares it); failing that, only if its package is open to Telltale (any
 * class-path code is); otherwise reading it is an error naming it. Classes, class loaders,
 * modules and reflection objects are never read, and {@code getClass()} is not a property.
 * Thread-safe.
 */
final class Members {

    private static final ClassValue<Map<String, Accessor>> CACHE = new ClassValue<>() {
        @Override
        protected Map<String, Accessor> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private Members() {}

    /** How to read {@code name} of {@code sample}'s class. */
    static Accessor find(Object sample, String name) {
        Class<?> type = sample.getClass();
        Map<String, Accessor> byName = CACHE.get(type);
        Accessor accessor = byName.get(name);
        if (accessor == null) {
            accessor = resolve(type, name, sample);
            Accessor raced = byName.putIfAbsent(name, accessor);
            if (raced != null) {
                accessor = raced;
            }
        }
        return accessor;
    }

    private static Accessor resolve(Class<?> type, String name, Object sample) {
        if (name.equals("size") && (sample instanceof Collection || sample instanceof Map || type.isArray())
                || name.equals("length") && (sample instanceof CharSequence || type.isArray())) {
            return new Accessor.Size(type);
        }
        String typeName = Describe.type(type);
        if (type.isArray()) {
            return new Accessor.Refused(type, "no property '" + name + "' on " + typeName
                    + " (an array has only 'length')");
        }
        if (isReflective(type)) {
            return new Accessor.Refused(type, "expressions do not read properties of " + typeName);
        }
        if (name.equals("class")) {
            return new Accessor.Refused(type, "expressions do not read an object's class");
        }
        Method method = recordComponent(type, name);
        if (method == null) {
            String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            method = getter(type, "get" + capitalized);
            if (method == null) {
                method = getter(type, "is" + capitalized);
                if (method != null && method.getReturnType() != boolean.class
                        && method.getReturnType() != Boolean.class) {
                    method = null;
                }
            }
            if (method == null) {
                method = getter(type, name);
            }
        }
        if (method != null) {
            Method usable = usable(method, type, sample);
            return usable != null ? new Accessor.Getter(type, usable)
                    : refused(type, name, method.getName() + "()", method);
        }
        Field field = field(type, name);
        if (field != null) {
            return usable(field, sample) ? new Accessor.FieldRead(type, field)
                    : refused(type, name, "field " + name, field);
        }
        return new Accessor.Refused(type, "no property '" + name + "' on " + typeName
                + " (no record component, public get" + Character.toUpperCase(name.charAt(0))
                + name.substring(1) + "(), is...(), " + name + "() or public field '" + name + "')");
    }

    private static Accessor refused(Class<?> type, String name, String member, Member declared) {
        String owner = declared.getDeclaringClass().getName();
        return new Accessor.Refused(type, "property '" + name + "' of " + Describe.type(type)
                + " is not accessible: " + member + " is declared by " + owner
                + ", which is not public or whose package is not exported to " + self()
                + ", and no public superclass or interface declares it; make the class public,"
                + " export its package, or open it to " + self());
    }

    private static String self() {
        Module module = Members.class.getModule();
        return module.isNamed() ? "module " + module.getName() : "Telltale";
    }

    private static boolean isReflective(Class<?> type) {
        String pkg = type.getPackageName();
        return type == Class.class || ClassLoader.class.isAssignableFrom(type) || type == Module.class
                || type == ModuleLayer.class || pkg.equals("java.lang.reflect") || pkg.equals("java.lang.invoke");
    }

    private static Method recordComponent(Class<?> type, String name) {
        if (!type.isRecord()) {
            return null;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals(name)) {
                return component.getAccessor();
            }
        }
        return null;
    }

    /** A public no-arg instance method returning a value, or null. */
    private static Method getter(Class<?> type, String name) {
        try {
            Method m = type.getMethod(name);
            boolean objectsClass = m.getDeclaringClass() == Object.class && name.equals("getClass");
            return Modifier.isStatic(m.getModifiers()) || m.getReturnType() == void.class || objectsClass
                    ? null : m;
        } catch (NoSuchMethodException | SecurityException e) {
            return null;
        }
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field f = type.getField(name);
            return Modifier.isStatic(f.getModifiers()) ? null : f;
        } catch (NoSuchFieldException | SecurityException e) {
            return null;
        }
    }

    /**
     * {@code method}, or the same method as a public superclass or interface declares it, that
     * this class may invoke on {@code sample}; or null.
     */
    private static Method usable(Method method, Class<?> type, Object sample) {
        if (method.canAccess(sample)) {
            return method;
        }
        for (Class<?> supertype : supertypes(type)) {
            Method declared = getter(supertype, method.getName());
            if (declared != null && declared.canAccess(sample)) {
                return declared;
            }
        }
        return trySetAccessible(method) ? method : null;
    }

    private static boolean usable(Field field, Object sample) {
        return field.canAccess(sample) || trySetAccessible(field);
    }

    private static boolean trySetAccessible(java.lang.reflect.AccessibleObject member) {
        try {
            return member.trySetAccessible();
        } catch (SecurityException e) {
            return false;
        }
    }

    /** Every superclass and interface of {@code type}, nearest first. */
    private static Set<Class<?>> supertypes(Class<?> type) {
        Set<Class<?>> seen = new LinkedHashSet<>();
        ArrayDeque<Class<?>> queue = new ArrayDeque<>();
        queue.add(type);
        while (!queue.isEmpty()) {
            Class<?> c = queue.poll();
            if (c.getSuperclass() != null && seen.add(c.getSuperclass())) {
                queue.add(c.getSuperclass());
            }
            for (Class<?> i : c.getInterfaces()) {
                if (seen.add(i)) {
                    queue.add(i);
                }
            }
        }
        return seen;
    }
}
