package dev.telltale.trace;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Several formats: inject writes all of them; extract takes the first that found something. */
final class CompositePropagation implements Propagation {

    private final Propagation[] formats;
    private final List<String> fields;

    CompositePropagation(List<Propagation> formats) {
        if (formats.isEmpty()) {
            throw new IllegalArgumentException("composite() needs at least one format");
        }
        this.formats = formats.toArray(new Propagation[0]);
        Set<String> names = new LinkedHashSet<>();
        for (Propagation p : this.formats) {
            names.addAll(p.fields());
        }
        this.fields = List.copyOf(new ArrayList<>(names));
    }

    @Override
    public List<String> fields() {
        return fields;
    }

    @Override
    public <C> void inject(SpanContext context, C carrier, Setter<C> setter) {
        Objects.requireNonNull(context, "context == null");
        for (Propagation p : formats) {
            p.inject(context, carrier, setter);
        }
    }

    @Override
    public <C> Extracted extract(C carrier, Getter<C> getter) {
        Extracted decision = null;
        String problem = null;
        for (Propagation p : formats) {
            Extracted e = p.extract(carrier, getter);
            if (e.found()) {
                return e;
            }
            if (decision == null && e.sampling() != Extracted.Sampling.DEFER) {
                decision = e;
            }
            if (problem == null) {
                problem = e.problem();
            }
        }
        if (decision != null) {
            return decision;
        }
        return problem == null ? Extracted.nothing() : Extracted.invalid(problem);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("composite(");
        for (int i = 0; i < formats.length; i++) {
            b.append(i == 0 ? "" : ", ").append(formats[i]);
        }
        return b.append(')').toString();
    }
}
