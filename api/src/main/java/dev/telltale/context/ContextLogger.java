package dev.telltale.context;

import dev.telltale.internal.Fields;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The logger of one {@link Context} ({@link Context#log()}): each message is a template filled
 * from the context's current fields and published as a {@code context.log} message of the
 * context, so it is collated with the object it talks about.
 *
 * <pre>{@code
 * ctx.set("foo", 1);
 * ctx.log().info("my foo is {foo} and my bar is {bar}");  // "my foo is 1 and my bar is {bar}",
 *                                                        // with "missing":["bar"]
 * }</pre>
 *
 * <p>{@code {name}} is replaced by the field's value; a field the context does not have is left
 * as written and listed under {@code missing}. An {@linkplain Context.Builder#ignore ignored}
 * field is never published, in a message either: it is left as written and listed under {@code
 * ignored}. {@code {{} and {@code }}} stand for literal braces. A context or a {@link Context#wrap} proxy is
 * written as its id, inside lists, maps and arrays too, as fields publish it. Never throws;
 * thread-safe. The mirror logger, if any, is called after the context's lock is released.
 */
public final class ContextLogger {

    private final Context context;

    ContextLogger(Context context) {
        this.context = context;
    }

    public void trace(String template) {
        log(Level.TRACE, template, null);
    }

    public void debug(String template) {
        log(Level.DEBUG, template, null);
    }

    public void info(String template) {
        log(Level.INFO, template, null);
    }

    public void warn(String template) {
        log(Level.WARNING, template, null);
    }

    public void error(String template) {
        log(Level.ERROR, template, null);
    }

    /** Logs at ERROR with {@code thrown}, published as {@code "exception"}: its class and message. */
    public void error(String template, Throwable thrown) {
        log(Level.ERROR, template, thrown);
    }

    /** Logs {@code template} at {@code level}, with an optional {@code thrown}. */
    public void log(Level level, String template, Throwable thrown) {
        Level lvl = level == null ? Level.INFO : level;
        String tpl = template == null ? "null" : template;
        ContextLife life = context.life();
        String message;
        synchronized (context.lock()) {
            List<String> missing = new ArrayList<>();
            List<String> withheld = new ArrayList<>();
            message = context.fill(tpl, missing, withheld);
            if (!life.isFinished()) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("level", lvl.getName());
                fields.put("message", message);
                fields.put("template", tpl);
                if (!missing.isEmpty()) {
                    fields.put("missing", List.copyOf(missing));
                }
                if (!withheld.isEmpty()) {
                    fields.put("ignored", List.copyOf(withheld));
                }
                if (thrown != null) {
                    fields.put("exception", describe(thrown));
                }
                life.emit("context.log", Fields.copyOf(fields));
            }
        }
        if (life.mirror != null) { // outside the lock: a slow logger holds up this thread only
            life.mirror.log(lvl, context.prefix() + message, thrown);
        }
    }

    private static String describe(Throwable t) {
        String message;
        try {
            message = t.getMessage();
        } catch (RuntimeException e) {
            message = "<getMessage() threw " + e.getClass().getName() + ">";
        }
        return t.getClass().getName() + (message == null ? "" : ": " + message);
    }
}
