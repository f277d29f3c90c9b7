package dev.telltale.core.internal.json;

import java.time.Instant;

/**
 * Writes an {@link Instant} as a quoted ISO-8601 UTC timestamp with exactly nine fractional
 * digits, {@code "2026-11-21T23:37:58.123456789Z"}, without allocating. Years outside 0000–9999
 * are written as ISO-8601 expanded years ({@code +10000}, {@code -0001}), which {@link
 * Instant#parse(CharSequence)} reads back.
 */
final class InstantText {

    private static final int SECONDS_PER_DAY = 86_400;
    /** Days from 0000-03-01 to 1970-01-01, in the proleptic Gregorian calendar. */
    private static final long DAYS_0000_03_01_TO_EPOCH = 719_468;
    /** Days in 400 Gregorian years: the calendar repeats after this. */
    private static final int DAYS_PER_400_YEARS = 146_097;

    private InstantText() {}

    static void write(Instant instant, ByteOutput out) {
        long epochSecond = instant.getEpochSecond();
        long epochDay = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);

        // Count years from March 1st, so that the leap day ends the year.
        long days = epochDay + DAYS_0000_03_01_TO_EPOCH;
        long era = Math.floorDiv(days, DAYS_PER_400_YEARS);
        int dayOfEra = (int) (days - era * DAYS_PER_400_YEARS);
        // Every 4 years a leap day, except at 100 years, except at 400 (the era's last day).
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        // Months from March have 31,30,31,30,31 days, repeating: 153 days per 5 months.
        int marchMonth = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * marchMonth + 2) / 5 + 1;
        int month = marchMonth < 10 ? marchMonth + 3 : marchMonth - 9;
        long year = era * 400 + yearOfEra + (month <= 2 ? 1 : 0);

        out.ensure(40);
        out.put('"');
        if (year >= 0 && year <= 9999) {
            digits(out, (int) year, 4);
        } else if (year > 9999) {
            out.put('+');
            out.longValue(year);
        } else {
            out.put('-');
            long positive = -year;
            if (positive < 1000) {
                digits(out, (int) positive, 4);
            } else {
                out.longValue(positive);
            }
        }
        byte[] b = out.buf;
        int p = out.pos;
        b[p++] = '-';
        p = two(b, p, month);
        b[p++] = '-';
        p = two(b, p, day);
        b[p++] = 'T';
        p = two(b, p, secondOfDay / 3600);
        b[p++] = ':';
        p = two(b, p, secondOfDay / 60 % 60);
        b[p++] = ':';
        p = two(b, p, secondOfDay % 60);
        b[p++] = '.';
        out.pos = p;
        digits(out, instant.getNano(), 9);
        out.put('Z');
        out.put('"');
    }

    private static int two(byte[] b, int p, int value) {
        b[p] = (byte) ('0' + value / 10);
        b[p + 1] = (byte) ('0' + value % 10);
        return p + 2;
    }

    /** Writes a non-negative {@code value} with exactly {@code count} digits. */
    private static void digits(ByteOutput out, int value, int count) {
        out.ensure(count);
        byte[] b = out.buf;
        int v = value;
        for (int i = out.pos + count - 1; i >= out.pos; i--) {
            b[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        out.pos += count;
    }
}
