package agentbench;

/**
 * The methods {@code dev.telltale.benchmarks.AgentBenchmark} calls: four copies of one small
 * method, in a package outside Telltale's (the agent refuses {@code dev.telltale.*}), so that each
 * case's class is in one state for the whole run: never probed, probed with a counter, probed and
 * detached, and attached and detached over and over.
 */
public final class Work {

    private Work() {}

    /** Never probed: the baseline. */
    public static final class Plain {
        private Plain() {}

        public static int work(int x) {
            return x * 31 + 7;
        }
    }

    /** Probed with a counter through the agent. */
    public static final class Counted {
        private Counted() {}

        public static int work(int x) {
            return x * 31 + 7;
        }
    }

    /** Probed, then detached: back to its original bytes. */
    public static final class Detached {
        private Detached() {}

        public static int work(int x) {
            return x * 31 + 7;
        }
    }

    /** Attached and detached by the attach/detach cases. */
    public static final class Cycled {
        private Cycled() {}

        public static int work(int x) {
            return x * 31 + 7;
        }
    }
}
