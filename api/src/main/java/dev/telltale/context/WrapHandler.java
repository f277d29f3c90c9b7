package dev.telltale.context;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Locale;

/**
 * The behaviour of a {@link Context#wrap} proxy: setters become context fields, getters read
 * them when set, everything else goes to the target, exceptions as the target threw them.
 */
final class WrapHandler implements InvocationHandler {

    private final Context context;
    private final Object target;

    WrapHandler(Context context, Object target) {
        this.context = context;
        this.target = target;
    }

    Context context() {
        return context;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        int arity = method.getParameterCount();
        if (method.getDeclaringClass() == Object.class) {
            switch (name) {
                case "equals":
                    return target.equals(unwrap(args[0]));
                case "hashCode":
                    return target.hashCode();
                case "toString":
                    return target.toString();
                default:
                    break;
            }
        }
        if (arity == 1 && name.length() > 3 && name.startsWith("set") && isSetter(method, proxy)) {
            context.set(property(name.substring(3)), args[0]);
            return method.getReturnType() == void.class ? null : proxy;
        }
        if (arity == 0 && method.getReturnType() != void.class) {
            String property = getterProperty(name, method.getReturnType());
            if (property != null && context.has(property)) {
                Object value = context.get(property);
                if (fits(value, method.getReturnType())) {
                    return value;
                }
            }
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        } catch (IllegalAccessException e) {
            method.setAccessible(true); // a non-public interface; the proxy lives in its package
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e2) {
                throw e2.getCause();
            }
        }
    }

    /** A {@code void} setter, or a fluent one that returns the object itself (here, the proxy). */
    private static boolean isSetter(Method method, Object proxy) {
        Class<?> type = method.getReturnType();
        return type == void.class || (type != Object.class && type.isInstance(proxy));
    }

    private static Object unwrap(Object other) {
        if (other != null && Proxy.isProxyClass(other.getClass())
                && Proxy.getInvocationHandler(other) instanceof WrapHandler h) {
            return h.target;
        }
        return other;
    }

    private static String getterProperty(String name, Class<?> returnType) {
        if (name.length() > 3 && name.startsWith("get")) {
            return property(name.substring(3));
        }
        if (name.length() > 2 && name.startsWith("is") && (returnType == boolean.class || returnType == Boolean.class)) {
            return property(name.substring(2));
        }
        return null;
    }

    /** {@code Name} → {@code name}, {@code URL} → {@code URL}, as JavaBeans decapitalize. */
    static String property(String suffix) {
        if (suffix.length() > 1 && Character.isUpperCase(suffix.charAt(0)) && Character.isUpperCase(suffix.charAt(1))) {
            return suffix;
        }
        return suffix.substring(0, 1).toLowerCase(Locale.ROOT) + suffix.substring(1);
    }

    /** Whether {@code value} can be returned where {@code type} is expected. */
    private static boolean fits(Object value, Class<?> type) {
        if (!type.isPrimitive()) {
            return value == null || type.isInstance(value);
        }
        if (value == null) {
            return false;
        }
        return switch (type.getName()) {
            case "int" -> value instanceof Integer;
            case "long" -> value instanceof Long;
            case "boolean" -> value instanceof Boolean;
            case "double" -> value instanceof Double;
            case "float" -> value instanceof Float;
            case "short" -> value instanceof Short;
            case "byte" -> value instanceof Byte;
            case "char" -> value instanceof Character;
            default -> false;
        };
    }
}
