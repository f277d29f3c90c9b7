package dev.telltale.backend.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.telltale.core.testing.ModulePath;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code provides} in {@code module-info.java}, proven in a module layer of the built classes. */
class ModuleDescriptorTest {

    @Test
    void serviceLoader_onTheModulePath_findsTheFileBackendInItsModule() throws Exception {
        ModuleLayer layer = ModulePath.layer(Set.of("dev.telltale.backend.file"), FileBackend.class);
        assertEquals(List.of("dev.telltale.backend.file/dev.telltale.backend.file.FileBackend"),
                ModulePath.backendProviders(layer));
    }
}
