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
 */
final class ProxyHandler implements InvocationHandler {

    private final Object target;
    private final Map<Method, Site> sites;

    ProxyHandler(Object target, Map<Method, Site> sites) {
        this.target = target;
        this.sites = sites;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Site site = sites.get(method);
        if (site == null) { // equals, hashCode, toString
            if (method.getName().equals("equals") && args != null && args.length == 1) {
                return target.equals(unwrap(args[0]));
            }
            return call(method, args);
        }
        if (site.mode() == Site.Mode.OFF) {
            return call(method, args);
        }
        long start = site.enter(target, args);
        Object result;
        try {
            result = call(method, args);
        } catch (Throwable t) {
            site.fail(start, target, args, t);
            throw t;
        }
        site.exit(start, target, args, result);
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
