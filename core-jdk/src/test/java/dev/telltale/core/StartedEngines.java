package dev.telltale.core;

import dev.telltale.core.testing.RecordingBackend;
import dev.telltale.core.testing.RecordingBackend.Mode;
import dev.telltale.internal.Engine;
import dev.telltale.spi.Backend;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Engines a test starts over one backend, without the environment, a shutdown hook
 * or health reports (unless set), and closed after the test: backends held in {@link Mode#BLOCK}
 * are released first, so closing never waits on them.
 */
final class StartedEngines implements AutoCloseable {

    private final List<Engine> engines = new ArrayList<>();
    private final List<RecordingBackend> blocked = new ArrayList<>();

    /** Starts an engine over {@code backend} with {@code settings} as key, value pairs. */
    Engine start(Backend backend, String... settings) {
        Map<String, String> map = new HashMap<>();
        map.put("telltale.health.interval", "0");
        for (int i = 0; i < settings.length; i += 2) {
            map.put(settings[i], settings[i + 1]);
        }
        Engine engine = CoreEngine.start(map, false, false, Backends.of(List.of(backend), m -> {
            throw new AssertionError(m);
        }));
        return add(engine);
    }

    /** Closes {@code engine} with the others after the test. */
    Engine add(Engine engine) {
        engines.add(engine);
        return engine;
    }

    /** Remembers {@code backend} to be released (set to accept) before the engines close. */
    RecordingBackend releaseOnClose(RecordingBackend backend) {
        blocked.add(backend);
        return backend;
    }

    @Override
    public void close() {
        blocked.forEach(b -> b.mode(Mode.ACCEPT));
        engines.forEach(Engine::close);
    }
}
