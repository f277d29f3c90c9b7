package dev.telltale.core.internal.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class InstantTextTest {

    @ParameterizedTest
    @CsvSource({
        "1970-01-01T00:00:00Z, 1970-01-01T00:00:00.000000000Z",
        "2026-11-21T23:37:58.123456789Z, 2026-11-21T23:37:58.123456789Z",
        "2024-02-29T12:00:00.5Z, 2024-02-29T12:00:00.500000000Z",
        "2000-03-01T00:00:00.000000001Z, 2000-03-01T00:00:00.000000001Z",
        "1969-12-31T23:59:59.999999999Z, 1969-12-31T23:59:59.999999999Z",
        "9999-12-31T23:59:59.999999999Z, 9999-12-31T23:59:59.999999999Z",
        "0000-01-01T00:00:00Z, 0000-01-01T00:00:00.000000000Z",
        "1900-02-28T01:02:03Z, 1900-02-28T01:02:03.000000000Z",
        "+10000-01-01T00:00:00Z, +10000-01-01T00:00:00.000000000Z",
        "-0001-12-31T23:59:59Z, -0001-12-31T23:59:59.000000000Z",
        "-12345-06-07T08:09:10Z, -12345-06-07T08:09:10.000000000Z",
        "-1000000000-01-01T00:00:00Z, -1000000000-01-01T00:00:00.000000000Z",
        "+1000000000-12-31T23:59:59.999999999Z, +1000000000-12-31T23:59:59.999999999Z"
    })
    void write_fixedNineDigitsUtc(String instant, String expected) {
        assertEquals("\"" + expected + "\"", text(Instant.parse(instant)), "first write of the day");
        assertEquals("\"" + expected + "\"", text(Instant.parse(instant)));
    }

    @Test
    void sameDayThenOtherDays_cachedDateReplacedWhenDayChanges() {
        assertEquals("\"2026-11-21T23:59:59.000000000Z\"", text(Instant.parse("2026-11-21T23:59:59Z")));
        assertEquals("\"2026-11-21T00:00:00.000000001Z\"", text(Instant.parse("2026-11-21T00:00:00.000000001Z")));
        assertEquals("\"2026-11-22T00:00:00.000000000Z\"", text(Instant.parse("2026-11-22T00:00:00Z")));
        assertEquals("\"+12026-11-22T00:00:00.000000000Z\"", text(Instant.parse("+12026-11-22T00:00:00Z")));
        assertEquals("\"2026-11-22T00:00:01.000000000Z\"", text(Instant.parse("2026-11-22T00:00:01Z")));
    }

    @Test
    void randomInstants_matchCalendarAndReadBack() {
        Random random = new Random(3);
        for (int i = 0; i < 50_000; i++) {
            long second = i % 2 == 0
                    ? random.nextLong() % 400_000_000_000L // about ±12,000 years
                    : Instant.MIN.getEpochSecond() + Math.floorMod(random.nextLong(),
                            Instant.MAX.getEpochSecond() - Instant.MIN.getEpochSecond());
            Instant instant = Instant.ofEpochSecond(second, random.nextInt(1_000_000_000));

            String json = text(instant);

            assertEquals("\"" + reference(instant) + "\"", json);
            assertEquals(instant, Instant.parse(json.substring(1, json.length() - 1)));
        }
    }

    private final InstantText times = new InstantText();

    private String text(Instant instant) {
        ByteOutput out = new ByteOutput(8);
        times.write(instant, out);
        return new String(out.buf, 0, out.pos, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static String reference(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        int year = t.getYear();
        String yearText = year > 9999 ? "+" + year : year < 0 ? String.format("-%04d", -year) : String.format("%04d", year);
        return String.format("%s-%02d-%02dT%02d:%02d:%02d.%09dZ", yearText, t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond(), t.getNano());
    }
}
