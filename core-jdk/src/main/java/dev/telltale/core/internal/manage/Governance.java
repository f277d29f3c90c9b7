package dev.telltale.core.internal.manage;

import dev.telltale.probe.ProbeSpec;
import dev.telltale.probe.Target;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What specs from a store may make this process do: which targets they may name, which
 * instrument types they may use, how long they may live. Checked before anything is attached;
 * immutable and thread-safe.
 *
 * @param targets allowed targets: {@code *}, a class name, a package prefix {@code com.acme.*},
 *     {@code handle:NAME}, {@code handle:*}
 * @param deny class-name prefixes never allowed, whatever {@code targets} says
 * @param types instrument types specs may use
 * @param maxLifespan the longest lifespan allowed
 */
public record Governance(List<String> targets, List<String> deny, Set<String> types, Duration maxLifespan) {

    public Governance {
        targets = List.copyOf(targets);
        deny = List.copyOf(deny);
        types = Set.copyOf(types);
        Objects.requireNonNull(maxLifespan, "maxLifespan == null");
    }

    /** The defaults of the configuration table. */
    public static Governance defaults() {
        return new Governance(List.of("*"), List.of("java.", "jdk.", "sun.", "com.sun.", "dev.telltale."),
                Set.of("log", "counter", "histogram", "timer"), Duration.ofHours(24));
    }

    /** Why {@code spec} may not be applied here, or null if it may. */
    public String refusal(ProbeSpec spec) {
        String type = spec.instrument().type();
        if (!types.contains(type)) {
            return "instrument type '" + type + "' is not allowed here; allowed: " + new java.util.TreeSet<>(types)
                    + " (telltale.probe.manager.types)";
        }
        if (spec.lifespan().compareTo(maxLifespan) > 0) {
            return "lifespan " + spec.lifespan() + " is longer than the " + maxLifespan
                    + " allowed here (telltale.probe.manager.max-lifespan)";
        }
        Target target = spec.target();
        if (!target.isHandle()) {
            for (String prefix : deny) {
                if (target.typeName().startsWith(prefix)) {
                    return "target " + target + " is not allowed: classes under " + prefix
                            + " are never probed by specs (telltale.probe.manager.deny)";
                }
            }
        }
        for (String pattern : targets) {
            if (allows(pattern, target)) {
                return null;
            }
        }
        return "target " + target + " is not allowed here; allowed: " + targets + " (telltale.probe.manager.targets)";
    }

    private static boolean allows(String pattern, Target target) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.startsWith("handle:")) {
            String name = pattern.substring("handle:".length());
            return target.isHandle() && (name.equals("*") || name.equals(target.methodName()));
        }
        if (target.isHandle()) {
            return false;
        }
        String type = target.typeName();
        if (pattern.endsWith(".*")) {
            return type.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return type.equals(pattern);
    }
}
