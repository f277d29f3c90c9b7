package dev.telltale.core.internal.manage;

import dev.telltale.core.internal.json.JsonPrinter;
import dev.telltale.core.internal.json.JsonReader;
import dev.telltale.internal.Durations;
import dev.telltale.spi.SpecStore;
import dev.telltale.spi.SpecStoreOptions;
import dev.telltale.spi.SpecStoreProvider;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A store in one JSON file, {@code file:PATH}: an array of specs, each with its {@code applied}
 * statuses, indented for people to read and edit. Several processes may share it: every change
 * reads the file, changes it and replaces it atomically, holding a lock file ({@code PATH.lock},
 * an OS file lock, plus a lock per path inside the JVM) so that concurrent writers lose nothing;
 * readers never see a half-written file. {@link #revision()} follows the file's modification
 * time, size and identity, so a changed file is read again.
 *
 * <p>A file that is not JSON, or not an array of objects with a string {@code id}, fails every
 * call with an {@link IOException} naming the file and the position; it is never overwritten
 * (the manager keeps the specs it read last). A missing file is an empty store. Thread-safe.
 */
public final class FileSpecStore implements SpecStore {

    static final String SCHEME = "file";
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Path path;
    private final Path lockPath;
    private final Duration timeout;
    private final AtomicLong unknown = new AtomicLong(Long.MIN_VALUE / 2);

    public FileSpecStore(Path path, Duration timeout) {
        this.path = path.toAbsolutePath().normalize();
        this.lockPath = this.path.resolveSibling(this.path.getFileName() + ".lock");
        this.timeout = Objects.requireNonNull(timeout, "timeout == null");
    }

    @Override
    public String address() {
        return SCHEME + ":" + path;
    }

    @Override
    public long revision() {
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class);
            return a.lastModifiedTime().to(TimeUnit.NANOSECONDS) * 31 + a.size() * 17 + Objects.hashCode(a.fileKey());
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            return unknown.incrementAndGet(); // cannot tell: read it (and fail there, with the reason)
        }
    }

    @Override
    public Map<String, String> specs() throws IOException {
        Map<String, String> specs = new LinkedHashMap<>();
        for (Map<String, Object> spec : read()) {
            Map<String, Object> copy = new LinkedHashMap<>(spec);
            copy.remove("applied");
            specs.put((String) spec.get("id"), JsonPrinter.compact(copy));
        }
        return specs;
    }

    @Override
    public Map<String, Map<String, String>> statuses() throws IOException {
        Map<String, Map<String, String>> statuses = new LinkedHashMap<>();
        for (Map<String, Object> spec : read()) {
            if (spec.get("applied") instanceof Map<?, ?> applied) {
                Map<String, String> byProcess = new LinkedHashMap<>();
                applied.forEach((process, status) -> byProcess.put((String) process, JsonPrinter.compact(status)));
                statuses.put((String) spec.get("id"), byProcess);
            }
        }
        return statuses;
    }

    @Override
    public void put(String id, String json) throws IOException {
        Map<String, Object> spec = parse(json, "spec " + id);
        change(specs -> {
            Map<String, Object> before = find(specs, id);
            if (before == null) {
                specs.add(spec);
            } else {
                before.clear(); // a new version: the old statuses go with the old version
                before.putAll(spec);
            }
        });
    }

    @Override
    public void remove(String id) throws IOException {
        change(specs -> specs.removeIf(s -> id.equals(s.get("id"))));
    }

    @Override
    public void report(String specId, String processId, String json) throws IOException {
        Map<String, Object> status = parse(json, "status of " + specId);
        change(specs -> {
            Map<String, Object> spec = find(specs, specId);
            if (spec != null) { // a removed spec's status is dropped
                @SuppressWarnings("unchecked")
                Map<String, Object> applied = spec.get("applied") instanceof Map<?, ?> m
                        ? (Map<String, Object>) m : new LinkedHashMap<>();
                applied = new java.util.TreeMap<>(applied);
                applied.put(processId, status);
                spec.put("applied", applied);
            }
        });
    }

    @Override
    public void close() {
        // nothing held between calls
    }

    private static Map<String, Object> find(List<Map<String, Object>> specs, String id) {
        for (Map<String, Object> s : specs) {
            if (id.equals(s.get("id"))) {
                return s;
            }
        }
        return null;
    }

    private Map<String, Object> parse(String json, String what) throws IOException {
        try {
            return JsonReader.parseObject(json);
        } catch (IllegalArgumentException e) {
            throw new IOException(address() + ": " + what + " is not a JSON object: " + e.getMessage(), e);
        }
    }

    private List<Map<String, Object>> read() throws IOException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new ArrayList<>();
        } catch (IOException e) {
            throw new IOException(address() + ": cannot read: " + e, e);
        }
        if (text.isBlank()) {
            return new ArrayList<>();
        }
        Object value;
        try {
            value = JsonReader.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(address() + " is not JSON: " + e.getMessage(), e);
        }
        if (!(value instanceof List<?> list)) {
            throw new IOException(address() + " must hold a JSON array of specs, [{\"id\": ...}, ...]");
        }
        List<Map<String, Object>> specs = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m) || !(m.get("id") instanceof String)) {
                throw new IOException(address() + ": element " + i + " of the array is not a spec object with a string \"id\"");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) m);
            specs.add(spec);
        }
        return specs;
    }

    /** Read, change, replace atomically, under the JVM lock and the lock file. */
    private void change(Consumer<List<Map<String, Object>>> edit) throws IOException {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(path, p -> new ReentrantLock());
        long wait = Durations.nanos(timeout); // a timeout too long for nanoseconds: as long as it takes
        long deadline = System.nanoTime() + wait;
        try {
            if (!jvmLock.tryLock(wait, TimeUnit.NANOSECONDS)) {
                throw new IOException(address() + ": another thread held the lock for longer than " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(address() + ": interrupted while waiting for the lock", e);
        }
        try {
            Files.createDirectories(path.getParent());
            try (FileChannel lockChannel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = fileLock(lockChannel, deadline);
                try {
                    replace(edit);
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(address()) ? e
                    : new IOException(address() + ": cannot write: " + e, e);
        } finally {
            jvmLock.unlock();
        }
    }

    /** Under both locks: reads, edits, writes a temporary file and moves it over the file. */
    private void replace(Consumer<List<Map<String, Object>>> edit) throws IOException {
        List<Map<String, Object>> specs = read();
        edit.accept(specs);
        Path tmp = Files.createTempFile(path.getParent(), path.getFileName() + ".", ".tmp");
        try {
            Files.writeString(tmp, JsonPrinter.pretty(specs) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private FileLock fileLock(FileChannel channel, long deadline) throws IOException {
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException(address() + ": another process held " + lockPath + " for longer than " + timeout);
            }
            LockSupport.parkNanos(5_000_000); // another process writes: its change takes milliseconds
        }
    }

    /** Opens {@code file:PATH}. */
    public static final class Provider implements SpecStoreProvider {

        @Override
        public String scheme() {
            return SCHEME;
        }

        @Override
        public SpecStore open(String rest, SpecStoreOptions options) {
            if (rest.isBlank()) {
                throw new IllegalArgumentException("a file store needs a path: file:PATH, for example file:telltale-out/specs.json");
            }
            return new FileSpecStore(Path.of(rest), options.timeout());
        }
    }
}
