package dev.telltale.tool;

import dev.telltale.core.internal.config.Values;
import dev.telltale.core.internal.json.JsonPrinter;
import dev.telltale.core.internal.json.JsonReader;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.ProbeSpec;
import dev.telltale.probe.Target;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON form of probe specs ({@code docs/SPECS.md}): what the probe manager, the {@code specs}
 * command and every {@link dev.telltale.spi.SpecStore} move. Thread-safe and stateless.
 *
 * <p>Reading is strict: unknown members, wrong types and bad values are refused with an {@link
 * IllegalArgumentException} that names the spec and the member ({@code spec 'x': instrument.type
 * ...}); text that is not JSON is refused with its line and column. {@code lifespan} is a string,
 * {@code "30m"} (ms, s, m, h) or ISO-8601 {@code "PT30M"}; {@code lastModified} and {@code at}
 * are ISO-8601 instants. Writing gives one compact line.
 */
public final class SpecJson {

    private static final Set<String> SPEC_MEMBERS = Set.of("id", "target", "instrument", "lifespan", "lastModified", "applied");
    private static final Set<String> INSTRUMENT_MEMBERS = Set.of("type", "name", "value", "event", "condition", "message",
            "rateLimit", "sampling", "custom");
    private static final Set<String> APPLIED_MEMBERS = Set.of("status", "error", "at");

    private SpecJson() {}

    /**
     * Reads one spec; {@code applied} may be absent (then empty).
     *
     * @throws IllegalArgumentException if it is not one JSON object (line and column given) or
     *     not a spec (the member named)
     */
    public static ProbeSpec parse(String json) {
        return spec(JsonReader.parseObject(json), null);
    }

    /**
     * Reads what the {@code specs put} command accepts: one spec object, or an array of them.
     * {@code lastModified} may be absent there; {@code now} is used for it then.
     *
     * @throws IllegalArgumentException if the text is not JSON (line and column given), or an
     *     element is not a spec (its index and member named), or two specs share an id
     */
    public static List<ProbeSpec> parseAll(String json, Instant now) {
        Object value = JsonReader.parse(json);
        List<Object> items = value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
        List<ProbeSpec> specs = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            String where = items.size() == 1 && !(value instanceof List) ? "" : "element " + i + ": ";
            if (!(item instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(where + "a spec is a JSON object, not " + kind(item));
            }
            try {
                ProbeSpec spec = spec(map, now);
                if (!ids.add(spec.id())) {
                    throw new IllegalArgumentException("spec id '" + spec.id() + "' occurs twice");
                }
                specs.add(spec);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + e.getMessage(), e);
            }
        }
        return specs;
    }

    /** One compact line; {@code applied} included only if {@code withApplied}. */
    public static String toJson(ProbeSpec spec, boolean withApplied) {
        return JsonPrinter.compact(toMap(spec, withApplied));
    }

    /** The spec as the maps and lists {@link Json#parseObject} gives, for printing. */
    public static Map<String, Object> toMap(ProbeSpec spec, boolean withApplied) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", spec.id());
        m.put("target", spec.target().toString());
        InstrumentSpec in = spec.instrument();
        Map<String, Object> i = new LinkedHashMap<>();
        i.put("type", in.type());
        i.put("name", in.name());
        i.put("event", in.event().name().toLowerCase(Locale.ROOT));
        i.put("value", in.value());
        i.put("condition", in.condition());
        if (in.message() != null) {
            i.put("message", in.message());
        }
        i.put("rateLimit", in.rateLimit());
        i.put("sampling", in.sampling());
        i.put("custom", new LinkedHashMap<String, Object>(in.options()));
        m.put("instrument", i);
        m.put("lifespan", spec.lifespan().toString());
        m.put("lastModified", spec.lastModified().toString());
        if (withApplied) {
            Map<String, Object> applied = new LinkedHashMap<>();
            spec.applied().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> applied.put(e.getKey(), appliedMap(e.getValue())));
            m.put("applied", applied);
        }
        return m;
    }

    /** One status as one compact line. */
    public static String toJson(ProbeSpec.Applied applied) {
        return JsonPrinter.compact(appliedMap(applied));
    }

    /**
     * Reads one status.
     *
     * @throws IllegalArgumentException if it is not JSON or not a status; the message says why
     */
    public static ProbeSpec.Applied parseApplied(String json) {
        return applied(JsonReader.parseObject(json), "applied");
    }

    private static Map<String, Object> appliedMap(ProbeSpec.Applied a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", a.status().json());
        m.put("error", a.error());
        m.put("at", a.at().toString());
        return m;
    }

    private static ProbeSpec spec(Map<?, ?> m, Instant defaultModified) {
        Object idValue = m.get("id");
        if (!(idValue instanceof String id)) {
            throw new IllegalArgumentException("a spec needs \"id\", a string" + (idValue == null ? "" : ", not " + kind(idValue)));
        }
        String p = "spec '" + id + "': ";
        try {
            ProbeSpec.checkId(id);
            unknown(m, SPEC_MEMBERS, "");
            Target target = Target.parse(string(m, "target", true, ""));
            Object inValue = m.get("instrument");
            if (!(inValue instanceof Map<?, ?> in)) {
                throw new IllegalArgumentException("\"instrument\" must be an object, not " + kind(inValue));
            }
            String lifespanText = string(m, "lifespan", false, "");
            Duration lifespan = lifespanText == null ? InstrumentSpec.DEFAULT_LIFESPAN : duration(lifespanText, "lifespan");
            InstrumentSpec instrument = instrument(in, lifespan);
            String modified = string(m, "lastModified", defaultModified == null, "");
            Instant lastModified = modified == null ? defaultModified : instant(modified, "lastModified");
            Map<String, ProbeSpec.Applied> applied = new LinkedHashMap<>();
            Object appliedValue = m.get("applied");
            if (appliedValue != null) {
                if (!(appliedValue instanceof Map<?, ?> am)) {
                    throw new IllegalArgumentException("\"applied\" must be an object, not " + kind(appliedValue));
                }
                for (Map.Entry<?, ?> e : am.entrySet()) {
                    if (!(e.getValue() instanceof Map<?, ?> entry)) {
                        throw new IllegalArgumentException("applied." + e.getKey() + " must be an object");
                    }
                    applied.put((String) e.getKey(), applied(entry, "applied." + e.getKey()));
                }
            }
            return new ProbeSpec(id, target, instrument, lastModified, applied);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(p + e.getMessage(), e);
        }
    }

    private static InstrumentSpec instrument(Map<?, ?> in, Duration lifespan) {
        unknown(in, INSTRUMENT_MEMBERS, "instrument.");
        InstrumentSpec.Builder b = InstrumentSpec.builder(string(in, "type", true, "instrument."),
                string(in, "name", true, "instrument."));
        String event = string(in, "event", false, "instrument.");
        if (event != null) {
            try {
                b.event(ProbeEvent.valueOf(event.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("instrument.event '" + event + "' is not call, return or exception");
            }
        }
        b.value(string(in, "value", false, "instrument."));
        b.condition(string(in, "condition", false, "instrument."));
        b.message(string(in, "message", false, "instrument."));
        Object rate = in.get("rateLimit");
        if (rate != null) {
            b.rateLimit(number(rate, "instrument.rateLimit"));
        }
        Object sampling = in.get("sampling");
        if (sampling != null) {
            b.sampling(number(sampling, "instrument.sampling"));
        }
        Object custom = in.get("custom");
        if (custom != null) {
            if (!(custom instanceof Map<?, ?> options)) {
                throw new IllegalArgumentException("instrument.custom must be an object of strings, not " + kind(custom));
            }
            for (Map.Entry<?, ?> e : options.entrySet()) {
                Object v = e.getValue();
                if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
                    throw new IllegalArgumentException("instrument.custom." + e.getKey() + " must be a string, number or boolean, not " + kind(v));
                }
                b.option((String) e.getKey(), String.valueOf(v));
            }
        }
        return b.lifespan(lifespan).build();
    }

    private static ProbeSpec.Applied applied(Map<?, ?> m, String where) {
        unknown(m, APPLIED_MEMBERS, where + ".");
        String status = string(m, "status", true, where + ".");
        ProbeSpec.Status s;
        try {
            s = ProbeSpec.Status.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".status '" + status + "' is not applied, failed or expired");
        }
        return new ProbeSpec.Applied(s, string(m, "error", false, where + "."), instant(string(m, "at", true, where + "."), where + ".at"));
    }

    private static void unknown(Map<?, ?> m, Set<String> known, String prefix) {
        for (Object name : m.keySet()) {
            if (!known.contains(name)) {
                String close = ConfigValues.closest((String) name, known, 3);
                throw new IllegalArgumentException("unknown member \"" + prefix + name + "\""
                        + (close != null ? " (did you mean \"" + prefix + close + "\"?)" : "; known: " + new java.util.TreeSet<>(known)));
            }
        }
    }

    private static String string(Map<?, ?> m, String name, boolean required, String prefix) {
        Object v = m.get(name);
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException("\"" + prefix + name + "\" is missing");
            }
            return null;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException("\"" + prefix + name + "\" must be a string, not " + kind(v));
        }
        return s;
    }

    private static double number(Object v, String name) {
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("\"" + name + "\" must be a number, not " + kind(v));
        }
        return n.doubleValue();
    }

    private static Duration duration(String text, String name) {
        try {
            return text.startsWith("P") || text.startsWith("p") ? Duration.parse(text) : Values.duration(text);
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new IllegalArgumentException("\"" + name + "\" '" + text + "' is not a duration such as \"30m\", \"2h\" or \"PT30M\"");
        }
    }

    private static Instant instant(String text, String name) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("\"" + name + "\" '" + text + "' is not an ISO-8601 instant such as 2026-12-07T10:00:00Z");
        }
    }

    private static String kind(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Map) {
            return "an object";
        }
        if (v instanceof List) {
            return "an array";
        }
        if (v instanceof String) {
            return "a string";
        }
        if (v instanceof Boolean) {
            return "a boolean";
        }
        return "a number";
    }
}
