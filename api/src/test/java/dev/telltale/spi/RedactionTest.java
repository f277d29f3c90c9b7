package dev.telltale.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedactionTest {

    /** Passwords with characters a URI must escape, written unescaped (and one escaped); each has "cr3t" in it. */
    @ParameterizedTest
    @ValueSource(strings = {"s3cr3t", "s3/cr3t", "s3@cr3t", "s3:cr3t", "s3%2Fcr3t", "s3?cr3t", "s3#cr3t", "/s3@:cr3t@", "s3cr3t/"})
    void uriPasswords_masksPasswordsWithAnyCharacter(String password) {
        String text = "cannot reach amqp://u:" + password + "@host:5672/v (nor kafka+ssl://u:" + password + "@h2/)";
        assertEquals("cannot reach amqp://u:****@host:5672/v (nor kafka+ssl://u:****@h2/)", Redaction.uriPasswords(text));
    }

    @Test
    void uriPasswords_leavesUrisWithoutPasswordsAlone() {
        String text = "amqp://user@[::1]:5672/v, http://host:80/a?c=d: and amqp://h:5672 @ x:y";
        assertEquals(text, Redaction.uriPasswords(text));
        assertEquals("a://u:****@b, c://:****@d", Redaction.uriPasswords("a://u:p@b, c://:p@d"));
        assertNull(Redaction.uriPasswords(null));
    }
}
