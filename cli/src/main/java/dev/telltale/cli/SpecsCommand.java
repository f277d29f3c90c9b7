package dev.telltale.cli;

import dev.telltale.probe.ProbeSpec;
import dev.telltale.spi.SpecStore;
import dev.telltale.tool.Json;
import dev.telltale.tool.SpecJson;
import dev.telltale.tool.SpecStoreOpener;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code ./telltale specs}: puts, removes and lists probe specs in a spec store ({@code
 * docs/SPECS.md}). {@code put} checks the whole file first and stores nothing if any spec in it is
 * malformed; it stamps each spec's {@code lastModified} with the current time, so every process
 * replaces its instrument.
 */
final class SpecsCommand implements Command {

    /** The store when neither --store nor telltale.probe.manager.store names one: the demo's. */
    static final String DEFAULT_STORE = "file:telltale-out/specs.json";

    private final Supplier<InputStream> stdin;
    private final Supplier<Instant> clock;

    SpecsCommand() {
        this(() -> System.in, Instant::now);
    }

    SpecsCommand(Supplier<InputStream> stdin, Supplier<Instant> clock) {
        this.stdin = stdin;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "specs";
    }

    @Override
    public String summary() {
        return "manage probe specs in a store: specs put FILE|-, specs rm ID, specs ls";
    }

    @Override
    public String description() {
        return """
                Puts, removes and lists the probe specs that probe managers apply (docs/SPECS.md).
                  put FILE|-   stores each spec in FILE (or standard input): one spec object or an array
                               of them; lastModified is set to now. A malformed file stores nothing.
                  rm ID...     removes specs, with their statuses
                  ls           every spec with the applied status of every process that reported
                The store, its timeout and its settings (telltale.probe.manager.store, .timeout,
                telltale.probe.store.<scheme>.*) are read as the probe manager reads them: system properties
                (JAVA_OPTS=-D...), TELLTALE_* variables, telltale.properties; --store, --timeout and --set
                override them.""";
    }

    @Override
    public List<Option> options() {
        return List.of(
                Option.value("store", 's', "ADDRESS", "the store: file:PATH, kafka:BOOTSTRAP, amqp:URI, memory:NAME"
                        + " (default: telltale.probe.manager.store, else " + DEFAULT_STORE + ")"),
                Option.value("timeout", 't', "DURATION", "longest wait for the store per call (default: telltale.probe.manager.timeout, 10s)"),
                Option.values("set", 'D', "KEY=VALUE", "a store setting: KEY is telltale.probe.store.<scheme>.KEY, written whole or short;"
                        + " wins over the same key configured elsewhere (see above)"),
                Option.flag("json", 'j', "ls: print the specs with their statuses as one JSON array"),
                Option.flag("help", 'h', "show this help"));
    }

    @Override
    public String epilog() {
        return """
                Exit status: 0 done; 1 the store failed, the file is malformed (nothing was stored) or a spec
                to remove does not exist; 2 a bad command line.
                Example: ./telltale specs put checkout.json --store file:telltale-out/specs.json""";
    }

    @Override
    public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        List<String> p = args.positional();
        if (p.isEmpty()) {
            throw new UsageException("say what to do: put FILE|-, rm ID or ls");
        }
        String action = p.get(0);
        switch (action) {
            case "put" -> {
                if (p.size() != 2) {
                    throw new UsageException("put takes one FILE, or - for standard input");
                }
            }
            case "rm" -> {
                if (p.size() < 2) {
                    throw new UsageException("rm takes the ids of the specs to remove");
                }
            }
            case "ls" -> {
                if (p.size() != 1) {
                    throw new UsageException("ls takes no arguments");
                }
            }
            default -> throw new UsageException("unknown action '" + action + "' (put, rm or ls)");
        }
        SpecStoreOpener.Configured configured = SpecStoreOpener.configured(message -> err.println("telltale specs: " + message));
        Duration timeout = args.has("timeout") ? duration(args.value("timeout", null)) : configured.timeout();
        String address = args.value("store", configured.store().isEmpty() ? DEFAULT_STORE : configured.store());
        List<ProbeSpec> toPut = null;
        if (action.equals("put")) {
            toPut = read(p.get(1), err);
            if (toPut == null) {
                return 1;
            }
        }
        Map<String, String> settings = configured.settings(address, settings(address, args.values("set")));
        try (SpecStore store = SpecStoreOpener.open(address, timeout, settings)) {
            return switch (action) {
                case "put" -> put(store, toPut, out);
                case "rm" -> remove(store, p.subList(1, p.size()), out, err);
                default -> list(store, args.has("json"), out);
            };
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            err.println("telltale specs: " + e.getMessage());
            return 1;
        }
    }

    private static Duration duration(String text) throws UsageException {
        try {
            return dev.telltale.tool.ConfigValues.duration(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--timeout: " + e.getMessage());
        }
    }

    /** The store's settings given with --set: KEY=VALUE, KEY with or without telltale.probe.store.SCHEME. before it. */
    static Map<String, String> settings(String address, List<String> pairs) throws UsageException {
        int colon = address.indexOf(':');
        String prefix = "telltale.probe.store." + (colon < 0 ? address : address.substring(0, colon)) + ".";
        Map<String, String> m = new TreeMap<>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--set " + pair + ": write it as KEY=VALUE");
            }
            String key = pair.substring(0, eq);
            m.put(key.startsWith(prefix) ? key.substring(prefix.length()) : key, pair.substring(eq + 1));
        }
        return m;
    }

    /** The specs in {@code file}, or null after printing why they cannot be stored. */
    private List<ProbeSpec> read(String file, PrintStream err) {
        String text;
        try {
            text = file.equals("-") ? new String(stdin.get().readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            err.println("telltale specs: " + file + ": no such file");
            return null;
        } catch (IOException e) {
            err.println("telltale specs: " + file + ": cannot read: " + e.getMessage());
            return null;
        }
        try {
            return SpecJson.parseAll(text, clock.get());
        } catch (IllegalArgumentException e) {
            err.println("telltale specs: " + (file.equals("-") ? "standard input" : file) + ": " + e.getMessage()
                    + "; nothing was stored");
            return null;
        }
    }

    private int put(SpecStore store, List<ProbeSpec> specs, PrintStream out) throws IOException {
        Instant now = clock.get();
        for (ProbeSpec spec : specs) {
            ProbeSpec stamped = new ProbeSpec(spec.id(), spec.target(), spec.instrument(), now, Map.of());
            store.put(spec.id(), SpecJson.toJson(stamped, false));
            out.println("put " + spec.id() + " (" + spec.target() + ", " + spec.instrument().type() + " "
                    + spec.instrument().name() + ", expires " + stamped.expires() + ") in " + store.address());
        }
        return 0;
    }

    private static int remove(SpecStore store, List<String> ids, PrintStream out, PrintStream err) throws IOException {
        Map<String, String> present = store.specs();
        int missing = 0;
        for (String id : ids) {
            if (!present.containsKey(id)) {
                err.println("telltale specs: no spec '" + id + "' in " + store.address());
                missing++;
                continue;
            }
            store.remove(id);
            out.println("removed " + id + " from " + store.address());
        }
        return missing == 0 ? 0 : 1;
    }

    private static int list(SpecStore store, boolean json, PrintStream out) throws IOException {
        Map<String, String> specs = new TreeMap<>(store.specs());
        Map<String, Map<String, String>> statuses = store.statuses();
        List<Object> all = new ArrayList<>();
        for (Map.Entry<String, String> e : specs.entrySet()) {
            Map<String, String> byProcess = new TreeMap<>(statuses.getOrDefault(e.getKey(), Map.of()));
            ProbeSpec spec;
            try {
                spec = SpecJson.parse(e.getValue());
            } catch (IllegalArgumentException bad) {
                out.println(e.getKey() + "  MALFORMED: " + bad.getMessage());
                continue;
            }
            Map<String, ProbeSpec.Applied> applied = new TreeMap<>();
            byProcess.forEach((process, text) -> {
                try {
                    applied.put(process, SpecJson.parseApplied(text));
                } catch (IllegalArgumentException ignored) {
                    // a status this version cannot read is left out of the listing
                }
            });
            spec = spec.withApplied(applied);
            if (json) {
                all.add(SpecJson.toMap(spec, true));
                continue;
            }
            out.println(spec.id() + "  " + spec.target() + "  " + spec.instrument() + "  expires " + spec.expires());
            if (applied.isEmpty()) {
                out.println("    (no process has reported)");
            }
            applied.forEach((process, a) -> out.println("    " + process + "  " + a.status().json() + "  " + a.at()
                    + (a.error() == null ? "" : "  " + a.error())));
        }
        if (json) {
            out.println(Json.pretty(all));
        } else if (specs.isEmpty()) {
            out.println("no specs in " + store.address());
        }
        return 0;
    }
}
