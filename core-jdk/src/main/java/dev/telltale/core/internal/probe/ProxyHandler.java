package dev.telltale.core.internal.probe;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * The invocation handler of {@link ProbeRegistry#proxy}: each call of an interface method goes
 * to its {@link Site} and then to the wrapped object; {@code Object}'s methods go straight to the
 * wrapped object. The target's exceptions reach the caller unchanged.
 *
 * <p>The wrapped object is called through the registry's own {@link Method} of the interface,
 * made accessible once when the proxy class's sites were made: the {@code Method} a proxy hands
 * over is a copy of its own, which reflection would refuse for a non-public interface.
 */
final class ProxyHandler implements InvocationHandler {

    private static final Object[] NO_ARGS = {};

    /** One interface method: its site, and the accessible method that calls the wrapped object. */
    record Point(Site site, Method method) {}

    private final Object target;
    private final Map<Method, Point> points;

    ProxyHandler(Object target, Map<Method, Point> points) {
        this.target = target;
        this.points = points;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Point point = points.get(method);
        if (point == null) { // equals, hashCode, toString
            if (method.getName().equals("equals") && args != null && args.length == 1) {
                return target.equals(unwrap(args[0]));
            }
            return call(method, args);
        }
        Site site = point.site;
        if (site.mode() == Site.Mode.OFF) {
            return call(point.method, args);
        }
        Object[] a = args == null ? NO_ARGS : args; // null tells the site that nothing was captured
        long start = site.enter(target, a);
        Object result;
        try {
            result = call(point.method, args);
        } catch (Throwable t) {
            site.fail(start, target, a, t);
            throw t;
        }
        site.exit(start, target, a, result);
        return result;
    }

    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static Object unwrap(Object other) {
        if (other != null && Proxy.isProxyClass(other.getClass())
                && Proxy.getInvocationHandler(other) instanceof ProxyHandler h) {
            return h.target;
        }
        return other;
    }
}
