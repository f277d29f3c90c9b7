package dev.telltale.backend.amqp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
