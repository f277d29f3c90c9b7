package dev.telltale.core.internal.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.telltale.core.internal.config.Config;
import dev.telltale.core.internal.config.CoreKeys;
import dev.telltale.core.internal.config.Schema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The telltale.snapshot.* keys as settings: defaults, lists, redaction matching and in-app prefixes. */
class SnapshotSettingsTest {

    private static SnapshotSettings defaults() {
        return SnapshotSettings.from(Config.defaults(new Schema(CoreKeys.ALL, List.of(), java.util.Set.of())));
    }

    @Test
    void defaults_matchTheKeys() {
        SnapshotSettings s = defaults();
        assertEquals(Path.of("telltale-out/snapshots"), s.dir());
        assertEquals(3, s.depth());
        assertEquals(1024, s.maxChars());
        assertEquals(100, s.maxItems());
        assertEquals(256 * 1024, s.maxBytes());
        assertTrue(s.source() && s.locals() && !s.gzip());
        assertEquals(List.of(), s.appPackages());
        assertEquals(SnapshotSettings.defaults(Path.of("x")).redact(), s.redact());
    }

    @Test
    void redaction_matchesNamePartsIgnoringCaseDashesAndUnderscores() {
        SnapshotSettings s = defaults();
        for (String name : List.of("password", "dbPassword", "API_KEY", "apiKey", "x-authorization", "refresh_token", "clientSecret")) {
            assertTrue(s.redacts(name), name);
        }
        for (String name : List.of("user", "orderId", "cents", "")) {
            assertFalse(s.redacts(name), name);
        }
        assertFalse(s.redacts(null));
    }

    @Test
    void inApp_withoutPrefixes_isEverythingButTheJdkAndTelltalesCore() {
        SnapshotSettings s = defaults();
        assertTrue(s.inApp("com.acme.Shop"));
        assertTrue(s.inApp("dev.telltale.cli.DemoShop"));
        assertFalse(s.inApp("java.util.ArrayList"));
        assertFalse(s.inApp("jdk.internal.reflect.DirectMethodHandleAccessor"));
        assertFalse(s.inApp("dev.telltale.core.internal.probe.Site"));
        SnapshotSettings acme = s.withAppPackages(List.of("com.acme."));
        assertTrue(acme.inApp("com.acme.Shop"));
        assertFalse(acme.inApp("org.other.Thing"));
    }

    @Test
    void effectiveDepth_minusOneIsTheCap() {
        assertEquals(SnapshotSettings.MAX_DEPTH, defaults().withDepth(-1).effectiveDepth());
        assertEquals(0, defaults().withDepth(0).effectiveDepth());
    }

    @Test
    void configuredLists_areSplitAndTrimmed() {
        Map<String, String> explicit = Map.of("telltale.snapshot.app-packages", " com.acme. , org.shop. ,",
                "telltale.snapshot.redact", "PIN, cvv", "telltale.snapshot.source-roots", "src/main/java,lib/src");
        SnapshotSettings s = SnapshotSettings.from(dev.telltale.core.internal.config.ConfigLoader.load(
                dev.telltale.core.internal.config.Sources.read(explicit, false, m -> { }),
                new Schema(CoreKeys.ALL, List.of(), java.util.Set.of()), m -> { }));
        assertEquals(List.of("com.acme.", "org.shop."), s.appPackages());
        assertEquals(List.of("pin", "cvv"), s.redact());
        assertEquals(List.of(Path.of("src/main/java"), Path.of("lib/src")), s.sourceRoots());
    }
}
