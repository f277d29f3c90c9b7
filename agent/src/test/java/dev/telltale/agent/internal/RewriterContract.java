package dev.telltale.agent.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.telltale.agent.bridge.Hooks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every {@link Rewriter} passes (JCTools' {@code QueueSanityTest} is the model): each
 * {@code Rewriter*Test} extends this and marks its tests {@link ForEachRewriter}, so they run
 * once per rewriter. A rewriter whose class is absent is skipped with the reason
 * ({@code ClassFileRewriter} below JDK 24), or fails when it should be there.
 *
 * <p>Each test rewrites sample classes' bytes (read from the test classes), defines them in a
 * fresh child-first loader, and watches the hooks through a {@link RecordingDispatch} installed
 * in {@link Hooks} for the test's length.
 */
abstract class RewriterContract {

    static final String SAMPLES = "dev.telltale.agent.internal.sample.";

    /** Runs the test once for each rewriter of {@link #rewriters()}. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.telltale.agent.internal.RewriterContract#rewriters")
    @interface ForEachRewriter {}

    /** A rewriter under test, or why it is skipped or missing. */
    static final class Subject {
        private final String name;
        private final Rewriter rewriter;
        private final String skipped;
        private final String missing;

        private Subject(String name, Rewriter rewriter, String skipped, String missing) {
            this.name = name;
            this.rewriter = rewriter;
            this.skipped = skipped;
            this.missing = missing;
        }

        /** The rewriter; aborts the test when it is absent for a good reason, fails otherwise. */
        Rewriter get() {
            assertNull(missing, missing);
            assumeTrue(skipped == null, skipped);
            return rewriter;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Subject> rewriters() {
        int jdk = Runtime.version().feature();
        return Stream.of(
                subject("classfile", "dev.telltale.agent.internal.ClassFileRewriter", jdk >= 24,
                        "ClassFileRewriter needs java.lang.classfile (JDK 24+); this JVM is JDK " + jdk),
                subject("asm", "dev.telltale.agent.internal.AsmRewriter", false,
                        "AsmRewriter is not on this branch yet"));
    }

    private static Subject subject(String name, String className, boolean required, String whyAbsent) {
        Class<?> type;
        try {
            type = Class.forName(className);
        } catch (ClassNotFoundException | LinkageError e) {
            return required
                    ? new Subject(name, null, null, className + " should be compiled on JDK "
                            + Runtime.version().feature() + " but is missing: " + e)
                    : new Subject(name, null, whyAbsent, null);
        }
        try {
            Rewriter rewriter = (Rewriter) type.getConstructor().newInstance();
            return new Subject(name, rewriter, null, null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return new Subject(name, null, null, className + " has no usable public no-arg constructor: " + e);
        }
    }

    final RecordingDispatch calls = new RecordingDispatch();

    @BeforeEach
    void installRecording() {
        Hooks.install(calls);
    }

    @AfterEach
    void uninstallRecording() {
        Hooks.install(null);
    }

    /** The plan that hooks every method named {@code name} (any descriptor). */
    static Rewriter.Plan only(String name, int site, boolean full) {
        return (n, descriptor, access) -> n.equals(name) ? new MethodHook(site, full) : null;
    }

    /** Rewrites {@code sample} with {@code plan} and defines it, with the other samples, in a fresh loader. */
    static Class<?> rewritten(Rewriter rewriter, Class<?> sample, Rewriter.Plan plan) throws Exception {
        byte[] out = rewriter.rewrite(bytesOf(sample), sample.getClassLoader(), plan);
        if (out == null) {
            throw new AssertionError("the plan chose a method of " + sample.getName() + " but got null");
        }
        return new SampleLoader(Map.of(sample.getName(), out)).loadClass(sample.getName());
    }

    /**
     * Compiles {@code sources} (class name to code) with javac at test time for {@code release},
     * against the test classes, into {@code dir}; returns every class file made, by class name.
     * The classes are on no class path: only the loaders a test makes can show them.
     */
    static Map<String, byte[]> compile(Path dir, String release, Map<String, String> sources) throws Exception {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "this JVM has no javac (javax.tools)");
        List<String> arguments = new ArrayList<>(List.of("--release", release, "-Xlint:-options", "-g",
                "-cp", Path.of(RewriterContract.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                        .toString(),
                "-d", dir.resolve("classes").toString()));
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = dir.resolve("src/" + source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            arguments.add(file.toString());
        }
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javac.run(null, messages, messages, arguments.toArray(String[]::new));
        assertEquals(0, status, "javac --release " + release + ": " + messages.toString(StandardCharsets.UTF_8));
        Path classes = dir.resolve("classes");
        Map<String, byte[]> made = new HashMap<>();
        try (Stream<Path> files = Files.walk(classes, 8)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(java.io.File.separatorChar, '.');
                made.put(name.substring(0, name.length() - ".class".length()), Files.readAllBytes(file));
            }
        }
        return made;
    }

    static byte[] bytesOf(Class<?> c) {
        return bytesOf(c.getName());
    }

    static byte[] bytesOf(String className) {
        String resource = className.replace('.', '/') + ".class";
        try (InputStream in = RewriterContract.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no class file " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Calls the one method {@code name} taking {@code args.length} arguments; rethrows what it throws. */
    static Object call(Class<?> c, Object target, String name, Object... args) throws Throwable {
        Method method = Arrays.stream(c.getMethods())
                .filter(m -> m.getName().equals(name) && m.getParameterCount() == args.length)
                .reduce((a, b) -> {
                    throw new IllegalArgumentException("overloaded: " + name);
                })
                .orElseThrow(() -> new IllegalArgumentException("no method " + name));
        return invoke(method, target, args);
    }

    static Object invoke(Method method, Object target, Object... args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * Child-first for the given classes and every sample class (so samples see each other in one
     * runtime package); the hooks and the JDK come from the parent.
     */
    static final class SampleLoader extends ClassLoader {
        private final Map<String, byte[]> defined;

        SampleLoader(Map<String, byte[]> defined) {
            super("samples", RewriterContract.class.getClassLoader());
            this.defined = new HashMap<>(defined);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!defined.containsKey(name) && !name.startsWith(SAMPLES)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    byte[] bytes = defined.containsKey(name) ? defined.get(name) : bytesOf(name);
                    c = defineClass(name, bytes, 0, bytes.length);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }
    }
}
