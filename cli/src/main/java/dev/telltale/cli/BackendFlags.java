package dev.telltale.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monitor's flags that stand for a backend's subscription options, in one table so that a
 * backend's author only has to adjust a name here. Each flag becomes the option named by the last
 * word of the backend's key ({@code follow} for {@code telltale.file.follow}); the core accepts
 * options by that word as well as by the full key, and checks them before the backend is opened:
 * one the backend does not declare fails with a message naming it (exit status 2).
 */
final class BackendFlags {

    /**
     * One flag: its long name (the {@link Option}'s), the option it sets, and the value it gives
     * (null: the flag's own value; several values are joined with commas).
     */
    record Flag(String flag, String option, String fixedValue) {}

    static final List<Flag> FLAGS = List.of(
            new Flag("follow", "follow", "true"),  // file: telltale.file.follow
            new Flag("from", "from", null),        // file: telltale.file.from (start|end); Kafka: telltale.kafka.from (earliest|latest)
            new Flag("queue", "queue", null),      // AMQP: consume from an existing queue
            new Flag("arg", "headers", null),      // AMQP: header bindings k=v,k=v (telltale.amqp.headers)
            new Flag("xmatch", "x-match", null),   // AMQP: headers-exchange x-match all|any
            new Flag("group", "group", null));     // Kafka: consumer group

    private BackendFlags() {}

    /** The options that the flags given in {@code args} set, in table order. */
    static Map<String, String> options(Args args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (Flag f : FLAGS) {
            if (args.has(f.flag())) {
                options.put(f.option(), f.fixedValue() != null ? f.fixedValue() : String.join(",", args.values(f.flag())));
            }
        }
        return options;
    }

    /** Whether any of the flags is given. */
    static String anyGiven(Args args) {
        for (Flag f : FLAGS) {
            if (args.has(f.flag())) {
                return f.flag();
            }
        }
        return null;
    }

    /** One line per flag, {@code --follow -> follow=true}, for the help text. */
    static String describe() {
        StringBuilder sb = new StringBuilder();
        for (Flag f : FLAGS) {
            String option = f.option() + (f.fixedValue() != null ? "=" + f.fixedValue() : "=VALUE");
            sb.append(String.format("  --%-10s -> %s%n", f.flag(), option));
        }
        return sb.toString();
    }
}
