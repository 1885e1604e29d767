package dev.reservations.json;

import dev.reservations.text.Echo;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * TaskRouter's wire dates, {@code 2014-05-14T10:50:02Z}: whole seconds in UTC.
 *
 * <p>Writing truncates to the second (towards the past, also before 1970) and fills a caller's byte
 * buffer without allocating for the years 0000 to 9999; other years fall back to {@link
 * DateTimeFormatter#ISO_INSTANT}. Reading has an allocation-free fast path for exactly that form,
 * and otherwise accepts any ISO-8601 date-time with an offset ({@code +02:00}, fractions of a
 * second), normalised to UTC.
 */
final class WireDates {
  /** Characters of {@code 2014-05-14T10:50:02Z}. */
  static final int LENGTH = 20;

  private static final long SECONDS_PER_DAY = 86_400;

  /** 0000-01-01T00:00:00Z. */
  private static final long MIN_FAST = -62_167_219_200L;

  /** 10000-01-01T00:00:00Z. */
  private static final long MAX_FAST = 253_402_300_800L;

  /** Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar. */
  private static final long EPOCH_SHIFT = 719_468;

  /**
   * {@code "00"} to {@code "99"}: for each number, its two ASCII digits as one 16-bit value, the
   * tens in the high byte.
   */
  private static final char[] DIGIT_PAIRS = digitPairs();

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

  /** Bytes 8 to 10 of a date, {@code DDT}, in a long read at 8. */
  private static final long DAY_TAIL = 0xFFFF_FF00_0000_0000L;

  private WireDates() {}

  /**
   * The day of the last date a writer wrote, so that the next date of that day costs three stores
   * instead of the calendar's arithmetic: one per writer, never shared between threads.
   *
   * <p>Layout: {@code head} holds {@code YYYY-MM-} of the epoch day {@code day}, as the 8 bytes of
   * a date at 0, and {@code tail} its {@code DDT}, as the top 3 bytes of a date's bytes 8 to 15
   * (the rest 0); {@code day} is {@code Long.MIN_VALUE} until the first date.
   */
  static final class LastDay {
    private long day = Long.MIN_VALUE;
    private long head;
    private long tail;
  }

  /**
   * Writes the wire form of {@code epochSecond} as 20 ASCII bytes into {@code out} at {@code at}
   * and returns the end ({@code at + 20}), or -1, writing nothing, when the year is outside
   * 0000..9999 and {@link #formatSlow} must be used. The calendar is worked out only for a day
   * other than {@code last}'s, which then becomes that day.
   */
  static int format(long epochSecond, byte[] out, int at, LastDay last) {
    if (epochSecond < MIN_FAST || epochSecond >= MAX_FAST) {
      return -1;
    }
    long days = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
    int secondOfDay = (int) (epochSecond - days * SECONDS_PER_DAY);
    if (days != last.day) {
      formatDay(days, out, at);
      last.head = (long) LONGS.get(out, at);
      last.tail = (long) LONGS.get(out, at + 8) & DAY_TAIL;
      last.day = days;
    }
    int minutes = secondOfDay / 60;
    LONGS.set(out, at, last.head);
    LONGS.set(
        out,
        at + 8,
        last.tail | (long) DIGIT_PAIRS[minutes / 60] << 24 | ':' << 16 | DIGIT_PAIRS[minutes % 60]);
    INTS.set(out, at + 16, ':' << 24 | DIGIT_PAIRS[secondOfDay - 60 * minutes] << 8 | 'Z');
    return at + LENGTH;
  }

  /** Writes {@code YYYY-MM-DDT} of the epoch day {@code days}, year 0000..9999, at {@code at}. */
  private static void formatDay(long days, byte[] out, int at) {
    long z = days + EPOCH_SHIFT;
    long era = Math.floorDiv(z, 146_097);
    long dayOfEra = z - era * 146_097;
    long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
    long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    long shiftedMonth = (5 * dayOfYear + 2) / 153;
    int day = (int) (dayOfYear - (153 * shiftedMonth + 2) / 5 + 1);
    int month = (int) (shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9);
    int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
    digits2(out, at, year / 100);
    digits2(out, at + 2, year % 100);
    out[at + 4] = '-';
    digits2(out, at + 5, month);
    out[at + 7] = '-';
    digits2(out, at + 8, day);
    out[at + 10] = 'T';
  }

  /** The wire form of an instant whose year is outside 0000..9999. */
  static String formatSlow(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(instant.getEpochSecond()));
  }

  /**
   * Parses an ISO-8601 date-time with an offset.
   *
   * @throws IllegalArgumentException naming the rule and the text if it is not one
   */
  static Instant parse(CharSequence text) {
    long fast = parseFast(text);
    if (fast != Long.MIN_VALUE) {
      return Instant.ofEpochSecond(fast);
    }
    try {
      TemporalAccessor parsed = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text);
      return Instant.from(parsed);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "date must be an ISO-8601 date-time with an offset, such as 2014-05-14T10:50:02Z: %s",
              Echo.of(text)));
    }
  }

  /** Epoch seconds of exactly {@code YYYY-MM-DDTHH:MM:SSZ}, or Long.MIN_VALUE otherwise. */
  private static long parseFast(CharSequence s) {
    if (s.length() != LENGTH
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(19) != 'Z') {
      return Long.MIN_VALUE;
    }
    int year = number(s, 0, 4);
    int month = number(s, 5, 2);
    int day = number(s, 8, 2);
    int hour = number(s, 11, 2);
    int minute = number(s, 14, 2);
    int second = number(s, 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > lengthOfMonth(year, month)
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return Long.MIN_VALUE;
    }
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    long days = era * 146_097 + dayOfEra - EPOCH_SHIFT;
    return days * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
  }

  private static int lengthOfMonth(int year, int month) {
    if (month == 2) {
      boolean leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
      return leap ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
  }

  /** The decimal number of {@code length} ASCII digits at {@code from}, or -1. */
  private static int number(CharSequence s, int from, int length) {
    int value = 0;
    for (int i = from; i < from + length; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Writes {@code value}, 0..99, as two ASCII digits at {@code at}. */
  private static void digits2(byte[] out, int at, int value) {
    char pair = DIGIT_PAIRS[value];
    out[at] = (byte) (pair >> 8);
    out[at + 1] = (byte) pair;
  }

  private static char[] digitPairs() {
    char[] pairs = new char[100];
    for (int i = 0; i < 100; i++) {
      pairs[i] = (char) (('0' + i / 10) << 8 | ('0' + i % 10));
    }
    return pairs;
  }
}
