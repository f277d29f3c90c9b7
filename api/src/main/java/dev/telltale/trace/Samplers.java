package dev.telltale.trace;

import java.util.Objects;

/** The built-in samplers behind {@link Sampler}'s factories. */
final class Samplers {

    /** The trace id bits a probabilistic decision reads: the 56 that W3C Level 2 makes random. */
    static final long RANDOM_BITS = (1L << 56) - 1;

    static final Sampler ALWAYS = new Named("always", true);
    static final Sampler NEVER = new Named("never", false);

    private Samplers() {}

    static Sampler probability(double p) {
        if (!(p >= 0 && p <= 1)) { // also NaN
            throw new IllegalArgumentException("sampling probability " + p + " is not between 0 and 1");
        }
        if (p == 0) {
            return NEVER;
        }
        if (p == 1) {
            return ALWAYS;
        }
        return new Probability(p);
    }

    static Sampler parse(String spec) {
        Objects.requireNonNull(spec, "spec == null");
        String s = spec.strip();
        switch (s) {
            case "always":
                return ALWAYS;
            case "never":
                return NEVER;
            default:
                break;
        }
        if (s.startsWith("rate:")) {
            String n = s.substring(5).strip();
            int rate;
            try {
                rate = Integer.parseInt(n);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("sampler '" + spec + "': rate '" + n + "' is not a whole number of traces per second");
            }
            if (rate < 1) {
                throw new IllegalArgumentException("sampler '" + spec + "': rate must be at least 1 trace per second");
            }
            return Sampler.rateLimited(rate);
        }
        double p;
        try {
            p = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sampler '" + spec
                    + "' is none of always, never, a probability between 0 and 1 (such as 0.001), or rate:N (traces per second)");
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("sampler '" + spec + "': probability " + p + " is not between 0 and 1");
        }
        return probability(p);
    }

    /** Always or never. */
    private static final class Named implements Sampler {
        private final String name;
        private final boolean decision;

        Named(String name, boolean decision) {
            this.name = name;
            this.decision = decision;
        }

        @Override
        public boolean sample(long traceIdHigh, long traceIdLow, SpanContext remoteParent) {
            return decision;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Keeps ids whose 56 random bits are below {@code p * 2^56}. */
    static final class Probability implements Sampler {
        private final double probability;
        private final long threshold;

        Probability(double probability) {
            this.probability = probability;
            this.threshold = (long) Math.ceil(probability * (RANDOM_BITS + 1.0));
        }

        @Override
        public boolean sample(long traceIdHigh, long traceIdLow, SpanContext remoteParent) {
            return (traceIdLow & RANDOM_BITS) < threshold;
        }

        @Override
        public String toString() {
            return Double.toString(probability);
        }
    }
}
