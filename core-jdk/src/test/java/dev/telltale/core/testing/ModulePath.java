package dev.telltale.core.testing;

import dev.telltale.spi.Backend;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * A module layer made of the jars (or class directories) that hold given classes, for tests that
 * check what {@link ServiceLoader} finds on the module path: the {@code provides} of a backend's
 * {@code module-info.java}, as an application started with {@code --module-path} would see it.
 */
public final class ModulePath {

    private ModulePath() {}

    /**
     * The layer whose module path is where {@code classes} were loaded from, with {@code roots}
     * (plus {@code dev.telltale.api}) resolved.
     */
    public static ModuleLayer layer(Set<String> roots, Class<?>... classes) throws Exception {
        List<Path> paths = new ArrayList<>();
        paths.add(location(Backend.class));
        for (Class<?> c : classes) {
            paths.add(location(c));
        }
        Set<String> all = new HashSet<>(roots);
        all.add("dev.telltale.api");
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(ModuleFinder.of(paths.toArray(Path[]::new)), ModuleFinder.of(), all);
        return ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    }

    /** The backends {@link ServiceLoader} finds in {@code layer}, as {@code module/class}. */
    public static List<String> backendProviders(ModuleLayer layer) throws Exception {
        Class<?> spi = layer.findLoader("dev.telltale.api").loadClass(Backend.class.getName());
        return ServiceLoader.load(layer, spi).stream()
                .map(p -> p.type().getModule().getName() + "/" + p.type().getName())
                .toList();
    }

    private static Path location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
