package dev.telltale.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * AMQP topic semantics, case by case. The same table was checked against a real RabbitMQ's
 * routing by backend-amqp's tests; here it pins the matcher itself.
 */
class TopicPatternTest {

    @ParameterizedTest(name = "''{0}'' vs ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        // pattern | routing key | matches
        "#        | ''          | true",
        "#        | a           | true",
        "#        | a.b.c       | true",
        "*        | ''          | false",   // the empty key has no words
        "*        | a           | true",
        "*        | a.b         | false",
        "a.*      | a.b         | true",
        "a.*      | a           | false",
        "a.*      | a.b.c       | false",
        "a.#      | a           | true",    // # may be zero words
        "a.#      | a.b.c       | true",
        "a.#      | b.a         | false",
        "a.#.b    | a.b         | true",
        "a.#.b    | a.x.y.b     | true",
        "a.#.b    | a.x.y.c     | false",
        "#.b      | b           | true",
        "#.b      | x.b         | true",
        "#.b      | b.x         | false",
        "#.#      | ''          | true",
        "a..b     | a..b        | true",    // empty words are words
        "a..b     | a.b         | false",
        "a.*.b    | a..b        | true",    // * matches an empty word
        "a.      | a.          | true",
        "a.      | a           | false",
        "''       | ''          | true",
        "''       | a           | false",
        "a*       | a*          | true",    // a * inside a word is just a character
        "a*       | ab          | false",
        "#.a.#    | x.a.y.a.z   | true",
        "*.#.*    | a           | false",
        "*.#.*    | a.b         | true",
    })
    void matches_asATopicExchangeRoutes(String pattern, String key, boolean expected) {
        assertEquals(expected, TopicPattern.of(pattern.strip()).matches(key.strip()),
                () -> "pattern '" + pattern.strip() + "' key '" + key.strip() + "'");
    }

    @org.junit.jupiter.api.Test
    void nullKey_neverMatches_andNullPatternIsRejected() {
        assertFalse(TopicPattern.of("#").matches(null));
        assertThrows(NullPointerException.class, () -> TopicPattern.of(null));
        assertEquals("a.#", TopicPattern.of("a.#").pattern());
        assertEquals(TopicPattern.of("a.#"), TopicPattern.of("a.#"));
    }
}
