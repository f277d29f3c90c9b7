package dev.telltale.internal;

import dev.telltale.snapshot.Snapshots;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The snapshots of a pipeline that discards everything: nothing is saved, nothing installed. */
final class NoopSnapshots implements Snapshots {

    static final NoopSnapshots INSTANCE = new NoopSnapshots();

    private NoopSnapshots() {}

    @Override
    public Optional<Path> save(Throwable error, Map<String, ?> values) {
        Objects.requireNonNull(error, "error == null");
        Objects.requireNonNull(values, "values == null");
        return Optional.empty();
    }

    @Override
    public Installation installUncaughtHandler() {
        return () -> { };
    }
}
