package dev.telltale.backend.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BrokerAddressTest {

    private static BrokerAddress parse(String uri) {
        return BrokerAddress.parse("telltale.amqp.uri", uri);
    }

    @Test
    void parse_fullUri_readsEveryPartAndDecodesThem() {
        BrokerAddress a = parse("amqp://us%40er:p%3Ass@broker.example:5673/my%2Fvhost");
        assertEquals("us@er", a.user());
        assertEquals("p:ss", a.password());
        assertEquals("broker.example", a.host());
        assertEquals(5673, a.port());
        assertEquals("my/vhost", a.virtualHost());
        assertFalse(a.tls());
    }

    @Test
    void parse_defaults_areRabbitMqs() {
        BrokerAddress a = parse("amqp://localhost");
        assertEquals("guest", a.user());
        assertEquals("guest", a.password());
        assertEquals(5672, a.port());
        assertEquals("/", a.virtualHost());
        assertEquals("/", parse("amqp://localhost/").virtualHost());
        assertEquals("/", parse("amqp://localhost/%2F").virtualHost());
    }

    @Test
    void parse_amqps_isTlsOnPort5671() {
        BrokerAddress a = parse("AMQPS://u:p@h");
        assertTrue(a.tls());
        assertEquals(5671, a.port());
        assertEquals("amqps://u:****@h:5671/%2F", a.redacted());
    }

    @Test
    void parse_ipv6Host_dropsTheBrackets() {
        BrokerAddress a = parse("amqp://u:p@[::1]:5672/v");
        assertEquals("::1", a.host());
        assertEquals("amqp://u:****@[::1]:5672/v", a.redacted());
    }

    @Test
    void parse_userWithoutPassword_hasAnEmptyPassword() {
        assertEquals("", parse("amqp://someone@h").password());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://u:s3cr3t-pw@h/", "amqp://u:s3cr3t-pw@/", "amqp://u:s3cr3t-pw@h/a/b", "amqp://u:s3cr3t-pw@h/v?heartbeat=5",
        "amqp://u:s3cr3t-pw@h/v#x", "amqp://u:s3cr3t-pw@h:/v%zz", "amqp://u:s3cr3t-pw@h /v", "u:s3cr3t-pw@h"})
    void parse_unusableUri_throwsNamingTheKeyWithoutThePassword(String uri) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(uri));
        assertTrue(e.getMessage().startsWith("telltale.amqp.uri"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    }

    @Test
    void redactedAndToString_neverShowThePassword() {
        BrokerAddress a = parse("amqp://app:s3cr3t-pw@rabbit:5672/prod");
        assertEquals("amqp://app:****@rabbit:5672/prod", a.redacted());
        assertEquals(a.redacted(), a.toString());
    }

    @Test
    void mask_hidesThePasswordAndAnyUriPassword() {
        BrokerAddress a = parse("amqp://app:s3cr3t-pw@rabbit/");
        assertEquals("login with **** failed", a.mask("login with s3cr3t-pw failed"));
        assertEquals("see amqp://other:****@host/", a.mask("see amqp://other:hunter2@host/"));
    }

    /** Passwords with characters a URI must escape, written unescaped (and one escaped); each has "cr3t" in it. */
    private static final String[] AWKWARD_PASSWORDS = {
        "s3/cr3t", "s3@cr3t", "s3:cr3t", "s3%2Fcr3t", "s3?cr3t", "s3#cr3t", "/s3@:cr3t@", "s3cr3t/"};

    @Test
    void parse_unusableUriWithAnAwkwardPassword_neverShowsIt() {
        for (String password : AWKWARD_PASSWORDS) {
            for (String uri : List.of("amqp://u:" + password + "@h/v", "amqp://u:" + password + "@/v",
                    "amqp://u:" + password + "@h/a/b", "amqp://u:" + password + "@h/v?heartbeat=5",
                    "amqp:/u:" + password + "@h", "amqp:u:" + password + "@h", " amqp://u:" + password + "@ ")) {
                if (uri.equals("amqp://u:s3:cr3t@h/v") || uri.equals("amqp://u:s3%2Fcr3t@h/v")) {
                    continue; // valid URIs
                }
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(uri), uri);
                assertTrue(e.getMessage().startsWith("telltale.amqp.uri"), e.getMessage());
                assertFalse(e.getMessage().contains("cr3t"), uri + " gave: " + e.getMessage());
            }
        }
    }

    @Test
    void parse_passwordWithASlashAfterDigits_isNotTakenForAVirtualHost() {
        // would parse as host "u", port 1234, virtual host "s3cr3t@h", shown by redacted()
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("amqp://u:1234/s3cr3t@h"));
        assertEquals("telltale.amqp.uri has an @ after the host (amqp://u:****@h); write / and @ in a password or "
                + "virtual host as %2F and %40", e.getMessage());
        assertEquals("v@x", parse("amqp://u:p@h/v%40x").virtualHost());
    }

    @Test
    void parse_passwordWithASlash_showsTheUriMasked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("amqp://u:pa/ss@host/v"));
        assertEquals("telltale.amqp.uri names no host (amqp://u:****@host/v)", e.getMessage());
    }

    @Test
    void mask_hidesUriPasswordsWithAwkwardCharacters() {
        BrokerAddress a = parse("amqp://app:other@rabbit/");
        for (String password : AWKWARD_PASSWORDS) {
            String text = "cannot reach amqp://u:" + password + "@host:5672/v (nor amqps://u:" + password + "@h2/)";
            assertEquals("cannot reach amqp://u:****@host:5672/v (nor amqps://u:****@h2/)", a.mask(text), password);
        }
    }

    @Test
    void mask_leavesUrisWithoutPasswordsAlone() {
        BrokerAddress a = parse("amqp://app:other@rabbit/");
        String text = "amqp://user@[::1]:5672/v, http://host:80/a?c=d: and amqp://h:5672 @ x:y";
        assertEquals(text, a.mask(text));
        assertEquals("a://u:****@b, c://:****@d", a.mask("a://u:p@b, c://:p@d"));
    }

    @Test
    void mask_hidesTheDecodedPasswordToo() {
        BrokerAddress a = parse("amqp://u:s3%2Fcr3t@h/v");
        assertEquals("s3/cr3t", a.password());
        assertEquals("login with **** failed", a.mask("login with s3/cr3t failed"));
    }
}
