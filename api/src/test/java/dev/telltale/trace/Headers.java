package dev.telltale.trace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A header carrier for tests: names are kept as given and looked up ignoring case. */
final class Headers {

    final Map<String, List<String>> map = new LinkedHashMap<>();

    static final Propagation.Getter<Headers> GETTER = (h, name) -> h.map.get(name.toLowerCase(Locale.ROOT));
    static final Propagation.Setter<Headers> SETTER = (h, name, value) -> {
        List<String> values = new ArrayList<>();
        values.add(value);
        h.map.put(name.toLowerCase(Locale.ROOT), values);
    };

    /** Headers from name, value pairs; a name given twice gets two values. */
    static Headers of(String... pairs) {
        Headers h = new Headers();
        for (int i = 0; i < pairs.length; i += 2) {
            h.map.computeIfAbsent(pairs[i].toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(pairs[i + 1]);
        }
        return h;
    }

    String one(String name) {
        List<String> values = map.get(name);
        return values == null ? null : values.get(0);
    }
}
