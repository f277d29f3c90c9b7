package dev.telltale.core.internal.manage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.spi.ConfigKey;
import dev.telltale.spi.SpecStore;
import dev.telltale.spi.SpecStoreOptions;
import dev.telltale.spi.SpecStoreProvider;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SpecStores#keys}: the keys spec store providers declare, for the configuration's schema. */
class SpecStoreKeysTest {

    private final List<String> warnings = new ArrayList<>();

    @Test
    void keysUnderTheProvidersPrefix_areCollected_andProvidersWithoutKeysAddNone() {
        ConfigKey topic = new ConfigKey("telltale.probe.store.acme.topic", ConfigKey.Type.STRING, "specs", "the topic");
        List<ConfigKey> keys = SpecStores.keys(List.of(provider("acme", topic), new MemorySpecStore.Provider()), warnings::add);

        assertEquals(List.of(topic), keys);
        assertEquals(List.of(), warnings);
    }

    @Test
    void aKeyOutsideTheProvidersPrefix_leavesOutThatProvidersKeys_andWarnsNamingIt() {
        ConfigKey good = new ConfigKey("telltale.probe.store.acme.topic", ConfigKey.Type.STRING, "specs", "the topic");
        ConfigKey stray = new ConfigKey("telltale.probe.store.other.topic", ConfigKey.Type.STRING, "specs", "the topic");
        ConfigKey ok = new ConfigKey("telltale.probe.store.fine.size", ConfigKey.Type.SIZE, "1KiB", "a size").atLeast("1");

        List<ConfigKey> keys = SpecStores.keys(List.of(provider("acme", good, stray), provider("fine", ok)), warnings::add);

        assertEquals(List.of(ok), keys);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("telltale.probe.store.other.topic is not under telltale.probe.store.acme."),
                warnings.get(0));
    }

    @Test
    void aMalformedKey_leavesOutThatProvidersKeys_andWarnsNamingIt() {
        ConfigKey bad = new ConfigKey("telltale.probe.store.acme.size", ConfigKey.Type.SIZE, "lots", "a size");

        assertEquals(List.of(), SpecStores.keys(List.of(provider("acme", bad)), warnings::add));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("telltale.probe.store.acme.size"), warnings.get(0));
    }

    private static SpecStoreProvider provider(String scheme, ConfigKey... keys) {
        return new SpecStoreProvider() {
            @Override
            public String scheme() {
                return scheme;
            }

            @Override
            public SpecStore open(String rest, SpecStoreOptions options) {
                throw new UnsupportedOperationException("not opened in this test");
            }

            @Override
            public List<ConfigKey> keys() {
                return List.of(keys);
            }
        };
    }
}
