package dev.telltale.backend.file;

import dev.telltale.core.testing.contract.BackendContract;
import dev.telltale.spi.Backend;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backend contract against the file backend, in a temporary directory. Its differences, as
 * its README documents them: the files keep payloads only (no headers, no key); an oversized
 * line is written, never refused; and a source reading from the start reads everything the
 * files still hold again.
 */
class FileContractTest extends BackendContract {

    @TempDir
    Path dir;

    @Override
    protected Backend backend() {
        return new FileBackend();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("telltale.file.path", dir.resolve("events.jsonl").toString());
    }

    /** Following, so that a source opened before the first event waits for it. */
    @Override
    protected Map<String, String> liveOptions() {
        return Map.of("follow", "true");
    }

    @Override
    protected Map<String, String> resumableOptions() {
        return Map.of("follow", "true", "from", "start");
    }

    @Override
    protected Resume resume() {
        return Resume.REPLAYS_EVERYTHING;
    }

    @Override
    protected boolean readsHeaders() {
        return false;
    }
}
