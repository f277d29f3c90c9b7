package dev.telltale.context;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fills a {@link ContextLogger} template from a context's fields: {@code {name}} becomes the
 * field's {@linkplain LogText log text}; {@code {{} and {@code }}} stand for literal braces. A
 * name the context has no field for is left as written and reported as missing; an ignored
 * field is left as written too (it is never published) and reported as withheld. Never throws
 * for the template's sake; the caller holds the context's lock while the fields are read.
 */
final class Template {

    private Template() {}

    /**
     * Returns {@code template} filled from {@code fields}, adding the names it could not fill to
     * {@code missing} and {@code withheld}.
     */
    static String fill(String template, Map<String, Object> fields, Set<String> ignored, List<String> missing,
            List<String> withheld) {
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if ((c == '{' || c == '}') && i + 1 < template.length() && template.charAt(i + 1) == c) {
                out.append(c);
                i += 2;
                continue;
            }
            int close = c == '{' ? template.indexOf('}', i + 1) : -1;
            if (close < 0) {
                out.append(c);
                i++;
                continue;
            }
            String key = template.substring(i + 1, close);
            if (!fields.containsKey(key)) {
                out.append(template, i, close + 1);
                missing.add(key);
            } else if (ignored.contains(key)) {
                out.append(template, i, close + 1);
                withheld.add(key);
            } else {
                out.append(LogText.of(fields.get(key)));
            }
            i = close + 1;
        }
        return out.toString();
    }
}
