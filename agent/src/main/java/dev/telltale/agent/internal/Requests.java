package dev.telltale.agent.internal;

import dev.telltale.core.internal.probe.Weaving;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.InstrumentStatus;
import dev.telltale.probe.Probe;
import dev.telltale.probe.ProbeEvent;
import dev.telltale.probe.Probes;
import dev.telltale.probe.Target;
import dev.telltale.tool.ConfigValues;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Runs one request file (see {@link dev.telltale.agent.Agent} for the protocol) and writes its
 * response atomically. Never throws: every failure becomes {@code ok=false} with a message.
 */
final class Requests {

    private Requests() {}

    /** Runs the request named by {@code request=PATH} in the agent's argument, if any. */
    static void runFromArgs(String args) {
        Path request = requestPath(args);
        if (request != null) {
            run(request);
        }
    }

    /** The agent could not start: answer the request, if any, with {@code why}. */
    static void failEarly(String args, String why) {
        Path request = requestPath(args);
        if (request == null) {
            return;
        }
        Properties response = new Properties();
        response.setProperty("ok", "false");
        response.setProperty("message", why);
        try {
            respond(read(request), response);
        } catch (IOException | RuntimeException e) {
            System.err.println("telltale agent: " + why);
        }
    }

    private static Path requestPath(String args) {
        if (args == null) {
            return null;
        }
        String a = args.trim();
        // the whole rest is the path: a path may hold commas or equals signs
        return a.startsWith("request=") && a.length() > "request=".length() ? Path.of(a.substring("request=".length())) : null;
    }

    static void run(Path path) {
        Properties request;
        try {
            request = read(path);
        } catch (IOException | RuntimeException e) {
            System.err.println("telltale agent: cannot read the request " + path + ": " + e);
            return;
        }
        Properties response = new Properties();
        try {
            String command = required(request, "command").toLowerCase(Locale.ROOT);
            Probes probes = Probes.of(AgentPipeline.get(request));
            switch (command) {
                case "attach" -> attach(probes, request, response);
                case "list" -> list(probes, response);
                case "detach" -> detach(probes, request, response);
                default -> throw new IllegalArgumentException("unknown command '" + command + "': attach, list or detach");
            }
            response.setProperty("ok", "true");
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError && !(t instanceof OutOfMemoryError)) {
                throw (VirtualMachineError) t;
            }
            response.setProperty("ok", "false");
            response.setProperty("message", oneLine(t.getMessage() != null ? t.getMessage() : t.toString()));
        }
        String where = AgentPipeline.where();
        if (where != null) {
            response.setProperty("events", where);
        }
        try {
            respond(request, response);
        } catch (IOException | RuntimeException e) {
            System.err.println("telltale agent: cannot write the response: " + e + "; it was " + response);
        }
    }

    private static void attach(Probes probes, Properties request, Properties response) {
        String store = request.getProperty(AgentManager.KEY);
        if (store != null && !store.isBlank()) {
            if (!store.trim().equals(AgentPipeline.managerStore())) {
                throw new IllegalStateException("this JVM's Telltale pipeline was already running (started by the"
                        + " application or an earlier request) without a probe manager on " + store.trim()
                        + "; start the JVM with -javaagent:telltale-agent.jar=store=" + store.trim()
                        + " or -D" + AgentManager.KEY + "=" + store.trim());
            }
            if (request.getProperty("target") == null) {
                response.setProperty("message", "a probe manager runs on " + store.trim()
                        + ": it applies the specs there and reports back to the store (specs ls shows it)");
                return;
            }
        }
        Target target = Target.parse(required(request, "target"));
        String type = required(request, "instrument").trim();
        String name = request.getProperty("name", type).trim();
        InstrumentSpec.Builder spec = InstrumentSpec.builder(type, name);
        String event = request.getProperty("event");
        if (event != null && !event.isBlank()) {
            try {
                spec.event(ProbeEvent.valueOf(event.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("event '" + event + "' is none of call, return, exception");
            }
        }
        optional(request, "value").ifPresent(spec::value);
        optional(request, "condition").ifPresent(spec::condition);
        optional(request, "message").ifPresent(spec::message);
        optional(request, "lifespan").ifPresent(l -> spec.lifespan(lifespan(l)));
        InstrumentSpec built = spec.build();
        Probe probe = probes.attach(target);
        try {
            probe.add(built);
        } catch (RuntimeException e) {
            if (probe.instruments().stream().noneMatch(s -> s.state() == InstrumentStatus.State.ACTIVE)) {
                probe.detach(); // attached for this instrument only
            }
            throw e;
        }
        String status = Weaving.status(probe);
        response.setProperty("message", type + " '" + name + "' on " + target + " for " + lifespanText(built.lifespan())
                + (status == null ? "" : ": " + status));
        response.setProperty("target", target.toString());
    }

    private static void list(Probes probes, Properties response) {
        List<Probe> all = probes.list();
        response.setProperty("probes", Integer.toString(all.size()));
        for (int i = 0; i < all.size(); i++) {
            Probe p = all.get(i);
            response.setProperty("probe." + i + ".target", p.target().toString());
            response.setProperty("probe." + i + ".instruments", p.instruments().stream()
                    .map(s -> s.spec().type() + ":" + s.spec().name() + ":" + s.state().name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(",")));
            String status = Weaving.status(p);
            response.setProperty("probe." + i + ".status", status != null ? status
                    : p.target().isHandle() ? "served by a method handle" : "served by a proxy");
        }
        response.setProperty("message", all.size() + " probe" + (all.size() == 1 ? "" : "s"));
    }

    private static void detach(Probes probes, Properties request, Properties response) {
        String id = required(request, "id").trim();
        List<Probe> chosen = new ArrayList<>();
        if (id.equals("all")) {
            for (Probe p : probes.list()) {
                if (Weaving.status(p) != null) {
                    chosen.add(p);
                }
            }
        } else {
            Target t = Target.parse(id);
            probes.probe(t).ifPresent(chosen::add);
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("no probe on " + id + "; list shows the probes attached");
            }
        }
        for (Probe p : chosen) {
            p.detach();
        }
        response.setProperty("message", "detached " + chosen.size() + " probe" + (chosen.size() == 1 ? "" : "s")
                + (chosen.isEmpty() ? "" : ": " + chosen.stream().map(p -> p.target().toString()).collect(Collectors.joining(", ")))
                + (chosen.isEmpty() ? "" : "; their classes have their original bytecode back"));
        response.setProperty("detached", Integer.toString(chosen.size()));
    }

    static Duration lifespan(String text) {
        String t = text.trim();
        try {
            return t.toUpperCase(Locale.ROOT).startsWith("P") ? Duration.parse(t.toUpperCase(Locale.ROOT)) : ConfigValues.duration(t);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("lifespan '" + text + "' is not a duration such as 10m, 30s or PT10M");
        }
    }

    private static String lifespanText(Duration d) {
        return d.toSeconds() % 60 == 0 && d.toMinutes() > 0 ? d.toMinutes() + "m" : d.toMillis() + "ms";
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("the request has no '" + key + "'");
        }
        return v;
    }

    private static java.util.Optional<String> optional(Properties p, String key) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(v);
    }

    private static String oneLine(String s) {
        return s.replace('\r', ' ').replace('\n', ' ');
    }

    private static Properties read(Path path) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    /** Writes {@code response} to the request's {@code response} path: a temporary file, renamed. */
    private static void respond(Properties request, Properties response) throws IOException {
        String to = request.getProperty("response");
        if (to == null || to.isBlank()) {
            StringWriter w = new StringWriter();
            response.store(w, null);
            System.err.println("telltale agent: no response path in the request; the response:\n" + w);
            return;
        }
        Path target = Path.of(to.trim());
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                response.store(w, "telltale agent response");
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
