package dev.telltale.core.internal.json;

import java.time.Instant;

/**
 * Writes an {@link Instant} as a quoted ISO-8601 UTC timestamp with exactly nine fractional
 * digits, {@code "2026-11-21T23:37:58.123456789Z"}, without allocating. Years outside 0000–9999
 * are written as ISO-8601 expanded years ({@code +10000}, {@code -0001}), which {@link
 * Instant#parse(CharSequence)} reads back.
 *
 * <p>Events arrive in time order, so the date of the last day written is kept and reused while
 * the day does not change. Not thread-safe.
 */
final class InstantText {

    private static final int SECONDS_PER_DAY = 86_400;
    /** Days from 0000-03-01 to 1970-01-01, in the proleptic Gregorian calendar. */
    private static final long DAYS_0000_03_01_TO_EPOCH = 719_468;
    /** Days in 400 Gregorian years: the calendar repeats after this. */
    private static final int DAYS_PER_400_YEARS = 146_097;

    /** The day of {@link #date}, or {@code Long.MIN_VALUE} before the first write. */
    private long cachedDay = Long.MIN_VALUE;
    /**
     * {@code "YYYY-MM-DDT} of {@link #cachedDay}: 12 bytes, up to 19 for expanded years
     * ({@code "-1000000000-01-01T}).
     */
    private final byte[] date = new byte[19];
    private int dateLength;

    void write(Instant instant, ByteOutput out) {
        long epochSecond = instant.getEpochSecond();
        long epochDay = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        int secondOfDay = (int) (epochSecond - epochDay * SECONDS_PER_DAY);
        if (epochDay != cachedDay) {
            ByteOutput dateOut = new ByteOutput(date.length);
            writeDate(epochDay, dateOut);
            System.arraycopy(dateOut.buf, 0, date, 0, dateOut.pos);
            dateLength = dateOut.pos;
            cachedDay = epochDay;
        }
        out.ensure(dateLength + 20);
        byte[] b = out.buf;
        int p = out.pos;
        System.arraycopy(date, 0, b, p, dateLength);
        p += dateLength;
        p = two(b, p, secondOfDay / 3600);
        b[p++] = ':';
        p = two(b, p, secondOfDay / 60 % 60);
        b[p++] = ':';
        p = two(b, p, secondOfDay % 60);
        b[p++] = '.';
        int nano = instant.getNano();
        for (int i = p + 8; i >= p; i--) {
            int q = nano / 10;
            b[i] = (byte) ('0' + nano - q * 10);
            nano = q;
        }
        p += 9;
        b[p++] = 'Z';
        b[p++] = '"';
        out.pos = p;
    }

    /** Writes {@code "YYYY-MM-DDT} for a day counted from 1970-01-01. */
    private static void writeDate(long epochDay, ByteOutput out) {
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

        out.put('"');
        if (year >= 0 && year <= 9999) {
            fourDigits(out, (int) year);
        } else if (year > 9999) {
            out.put('+');
            out.longValue(year);
        } else if (year > -1000) {
            out.put('-');
            fourDigits(out, (int) -year);
        } else {
            out.longValue(year);
        }
        out.ensure(7);
        byte[] b = out.buf;
        int p = out.pos;
        b[p++] = '-';
        p = two(b, p, month);
        b[p++] = '-';
        p = two(b, p, day);
        b[p++] = 'T';
        out.pos = p;
    }

    private static void fourDigits(ByteOutput out, int value) {
        out.ensure(4);
        int p = two(out.buf, out.pos, value / 100);
        out.pos = two(out.buf, p, value % 100);
    }

    private static int two(byte[] b, int p, int value) {
        b[p] = (byte) ('0' + value / 10);
        b[p + 1] = (byte) ('0' + value % 10);
        return p + 2;
    }
}
