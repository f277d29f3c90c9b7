package dev.telltale.cli;

import dev.telltale.tool.ConfigValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A parsed command line: {@code --name value}, {@code --name=value}, {@code -x value}, bundled
 * short flags ({@code -cp}), and {@code --} to end options. Unknown options fail with a
 * suggestion.
 */
final class Args {

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {}

    static Args parse(List<Option> options, String[] argv) throws UsageException {
        Args args = new Args();
        boolean optionsEnded = false;
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (optionsEnded || !a.startsWith("-") || a.equals("-")) {
                args.positional.add(a);
            } else if (a.equals("--")) {
                optionsEnded = true;
            } else if (a.startsWith("--")) {
                String name = a.substring(2);
                String inline = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    inline = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                Option option = find(options, name);
                if (option.takesValue()) {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= argv.length) {
                            throw new UsageException("--" + name + " needs a value (" + option.valueName() + ")");
                        }
                        value = argv[++i];
                    }
                    args.add(option, value);
                    // a repeatable option takes every following word up to the next option
                    while (option.repeatable() && inline == null && i + 1 < argv.length && !argv[i + 1].startsWith("-")) {
                        args.add(option, argv[++i]);
                    }
                } else {
                    if (inline != null) {
                        throw new UsageException("--" + name + " takes no value");
                    }
                    args.add(option, "true");
                }
            } else {
                for (int j = 1; j < a.length(); j++) {
                    Option option = findShort(options, a.charAt(j));
                    if (option.takesValue()) {
                        String value = a.substring(j + 1);
                        if (value.isEmpty()) {
                            if (i + 1 >= argv.length) {
                                throw new UsageException("-" + option.shortName() + " needs a value (" + option.valueName() + ")");
                            }
                            value = argv[++i];
                            args.add(option, value);
                            while (option.repeatable() && i + 1 < argv.length && !argv[i + 1].startsWith("-")) {
                                args.add(option, argv[++i]);
                            }
                        } else {
                            args.add(option, value);
                        }
                        break;
                    }
                    args.add(option, "true");
                }
            }
        }
        return args;
    }

    private void add(Option option, String value) throws UsageException {
        List<String> list = values.computeIfAbsent(option.name(), k -> new ArrayList<>());
        if (!option.repeatable() && !list.isEmpty()) {
            throw new UsageException("--" + option.name() + " given twice");
        }
        list.add(value);
    }

    private static Option find(List<Option> options, String name) throws UsageException {
        for (Option o : options) {
            if (o.name().equals(name)) {
                return o;
            }
        }
        List<String> names = new ArrayList<>();
        for (Option o : options) {
            names.add(o.name());
        }
        String best = ConfigValues.closest(name, names, 3);
        throw new UsageException("unknown option --" + name + (best == null ? "" : "; did you mean --" + best + "?"));
    }

    private static Option findShort(List<Option> options, char c) throws UsageException {
        for (Option o : options) {
            if (o.shortName() == c) {
                return o;
            }
        }
        throw new UsageException("unknown option -" + c);
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String value(String name, String fallback) {
        List<String> list = values.get(name);
        return list == null ? fallback : list.get(list.size() - 1);
    }

    List<String> values(String name) {
        return values.getOrDefault(name, List.of());
    }

    List<String> positional() {
        return List.copyOf(positional);
    }
}
