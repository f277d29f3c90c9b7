package dev.telltale.cli;

import dev.telltale.Telltale;
import dev.telltale.probe.InstrumentSpec;
import dev.telltale.probe.Probes;
import dev.telltale.probe.ProbeSpec;
import dev.telltale.probe.Target;
import dev.telltale.spi.SpecStore;
import dev.telltale.tool.SpecJson;
import dev.telltale.tool.SpecStoreOpener;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo's probe manager part: the demo's pipeline runs a manager on the file store {@code
 * <out>/specs.json}, and during the run this puts one spec there (a counter on the instrumented
 * handle {@code handle:demo.charge}, which {@link #wrap} puts in front of the payment gateway), as
 * {@code ./telltale specs put} would. The summary says whether the demo's process applied it;
 * {@code ./telltale specs ls --store file:<out>/specs.json} shows the same afterwards. The demo's
 * governance allows that one handle and nothing else.
 */
final class DemoSpecs {

    static final String FILE = "specs.json";
    static final String SPEC_ID = "demo-charges";
    static final String HANDLE = "demo.charge";
    /** The spec's target, as probe events name it. */
    static final String TARGET = "handle:" + HANDLE;
    private static final MethodHandle CHARGE;

    static {
        try {
            CHARGE = MethodHandles.lookup().findVirtual(DemoPayments.class, "charge",
                    MethodType.methodType(DemoPayments.Receipt.class, DemoPayments.Charge.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Path file;
    private String putError;

    DemoSpecs(Path outDir) {
        this.file = outDir.resolve(FILE);
    }

    /** The pipeline settings that start the manager on the demo's store. */
    static Map<String, String> settings(Path outDir) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("telltale.probe.manager.store", "file:" + outDir.resolve(FILE));
        s.put("telltale.probe.manager.interval", "200ms");
        s.put("telltale.probe.manager.service", "demo-shop");
        s.put("telltale.probe.manager.targets", "handle:" + HANDLE);
        return s;
    }

    /** {@code gateway} behind the instrumented handle {@code handle:demo.charge}, the spec's target. */
    static DemoPayments wrap(Telltale telltale, DemoPayments gateway) {
        MethodHandle h = Probes.of(telltale).handle(HANDLE, CHARGE);
        return charge -> {
            try {
                return (DemoPayments.Receipt) h.invokeExact(gateway, charge);
            } catch (java.net.SocketTimeoutException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        };
    }

    private String address() {
        return "file:" + file;
    }

    /** Puts the demo's spec into the store. */
    void start() {
        ProbeSpec spec = ProbeSpec.of(SPEC_ID, Target.handle(HANDLE),
                InstrumentSpec.counter("spec-charges").lifespan(Duration.ofMinutes(30)).build(), Instant.now());
        try (SpecStore store = SpecStoreOpener.open(address(), TIMEOUT, Map.of())) {
            store.put(SPEC_ID, SpecJson.toJson(spec, false));
        } catch (IOException | RuntimeException e) {
            putError = e.getMessage();
        }
    }

    /** One line: who applied the spec, read back from the store. */
    String summary() {
        if (putError != null) {
            return "Probe manager: could not put spec " + SPEC_ID + " into " + file + ": " + putError;
        }
        try (SpecStore store = SpecStoreOpener.open(address(), TIMEOUT, Map.of())) {
            Map<String, String> byProcess = store.statuses().getOrDefault(SPEC_ID, Map.of());
            if (byProcess.isEmpty()) {
                return "Probe manager: spec " + SPEC_ID + " put into " + file + ", not applied yet (./telltale specs ls --store "
                        + address() + ")";
            }
            StringBuilder line = new StringBuilder("Probe manager: spec " + SPEC_ID + " (counter on handle:" + HANDLE + ") from "
                    + file + ":");
            byProcess.forEach((process, json) -> {
                ProbeSpec.Applied a = SpecJson.parseApplied(json);
                line.append(' ').append(a.status().json()).append(" by ").append(process)
                        .append(a.error() == null ? "" : " (" + a.error() + ")");
            });
            return line.append("; ./telltale specs ls --store ").append(address()).toString();
        } catch (IOException | RuntimeException e) {
            return "Probe manager: cannot read " + file + ": " + e.getMessage();
        }
    }
}
