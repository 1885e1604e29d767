package dev.reservations.engine;

import dev.reservations.core.InvalidPageTokenException;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.Sid;
import dev.reservations.query.ReservationQuery;
import java.util.Base64;
import java.util.Locale;

/**
 * Page tokens: keyset cursors that name a position in a list, never a row.
 *
 * <p>A token is {@code PA} (items strictly after the boundary) or {@code PB} (strictly before),
 * then 43 base64url characters holding 32 bytes: the boundary's date created (epoch nanos), its
 * sid's high and low bits, and a SipHash-2-4 tag over the direction, the boundary and the list's
 * identity (kind, workspace, task or worker, status and worker filters), keyed from the engine's
 * seed. So a token stays valid however the list changes, and a token of another list or another
 * seed fails the tag. Decoding re-encodes and compares, so no two texts decode to one token.
 */
final class PageCursor {
  static final int TOKEN_LENGTH = 45;
  private static final int BYTES = 32;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final long key0;
  private final long key1;

  PageCursor(long seed) {
    SidCipher.SplitMix keys = new SidCipher.SplitMix(seed ^ 0x70a6_e70c_e2f1_a5d3L);
    this.key0 = keys.next();
    this.key1 = keys.next();
  }

  /** A decoded token: the direction and the boundary key. */
  record Boundary(boolean after, long created, long high, long low) {
    /** The key just after this one, for "at or before". */
    Boundary successor(boolean after) {
      if (low != -1L) {
        return new Boundary(after, created, high, low + 1);
      }
      if (high != -1L) {
        return new Boundary(after, created, high + 1, 0);
      }
      return new Boundary(after, created == Long.MAX_VALUE ? created : created + 1, 0, 0);
    }

    /** The key just before this one, for "at or after". */
    Boundary predecessor(boolean after) {
      if (low != 0) {
        return new Boundary(after, created, high, low - 1);
      }
      if (high != 0) {
        return new Boundary(after, created, high - 1, -1L);
      }
      return new Boundary(after, created == Long.MIN_VALUE ? created : created - 1, -1L, -1L);
    }
  }

  String encode(ReservationQuery list, Boundary boundary) {
    long tag = tag(list, boundary.after, boundary.created, boundary.high, boundary.low);
    byte[] bytes = new byte[BYTES];
    putLong(bytes, 0, boundary.created);
    putLong(bytes, 8, boundary.high);
    putLong(bytes, 16, boundary.low);
    putLong(bytes, 24, tag);
    return (boundary.after ? "PA" : "PB") + ENCODER.encodeToString(bytes);
  }

  /**
   * @throws InvalidPageTokenException unless this engine's seed issued the token for this list
   */
  Boundary decode(ReservationQuery list, String token) {
    if (token.length() != TOKEN_LENGTH) {
      throw new InvalidPageTokenException(
          token,
          String.format(
              Locale.ROOT,
              "page token must be PA or PB and 43 base64url characters, as a page gave it, "
                  + "not %d characters",
              token.length()));
    }
    boolean after;
    if (token.startsWith("PA")) {
      after = true;
    } else if (token.startsWith("PB")) {
      after = false;
    } else {
      throw new InvalidPageTokenException(token, "page token must start with PA or PB");
    }
    byte[] bytes;
    String body = token.substring(2);
    try {
      bytes = DECODER.decode(body);
    } catch (IllegalArgumentException e) {
      throw new InvalidPageTokenException(token, "page token must be base64url text");
    }
    if (bytes.length != BYTES || !ENCODER.encodeToString(bytes).equals(body)) {
      throw new InvalidPageTokenException(token, "page token must be base64url text");
    }
    long created = getLong(bytes, 0);
    long high = getLong(bytes, 8);
    long low = getLong(bytes, 16);
    if (getLong(bytes, 24) != tag(list, after, created, high, low)) {
      throw new InvalidPageTokenException(
          token, "page token was not issued for this list by this engine");
    }
    return new Boundary(after, created, high, low);
  }

  private long tag(ReservationQuery list, boolean after, long created, long high, long low) {
    Sid key = list.isTaskList() ? list.taskSid().orElseThrow() : list.workerSid().orElseThrow();
    long filters =
        list.status().map(ReservationStatus::ordinal).orElse(15)
            | (list.isTaskList() ? 0x100L : 0x200L)
            | (after ? 0x1000L : 0x2000L)
            | (list.isTaskList() && list.workerSid().isPresent() ? 0x10000L : 0);
    long filterHigh = 0;
    long filterLow = 0;
    if (list.isTaskList() && list.workerSid().isPresent()) {
      filterHigh = list.workerSid().get().high();
      filterLow = list.workerSid().get().low();
    }
    return SipHash.hash(
        key0,
        key1,
        filters,
        list.workspaceSid().high(),
        list.workspaceSid().low(),
        key.high(),
        key.low(),
        filterHigh,
        filterLow,
        created,
        high,
        low);
  }

  private static void putLong(byte[] bytes, int at, long value) {
    for (int i = 0; i < 8; i++) {
      bytes[at + i] = (byte) (value >>> (56 - 8 * i));
    }
  }

  private static long getLong(byte[] bytes, int at) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (bytes[at + i] & 0xFF);
    }
    return value;
  }

  /** SipHash-2-4 over a sequence of 64-bit words. */
  static final class SipHash {
    private long v0;
    private long v1;
    private long v2;
    private long v3;

    private SipHash(long k0, long k1) {
      v0 = 0x736f6d6570736575L ^ k0;
      v1 = 0x646f72616e646f6dL ^ k1;
      v2 = 0x6c7967656e657261L ^ k0;
      v3 = 0x7465646279746573L ^ k1;
    }

    static long hash(long k0, long k1, long... words) {
      SipHash sip = new SipHash(k0, k1);
      for (long m : words) {
        sip.absorb(m, 2);
      }
      sip.absorb(((long) words.length * 8) << 56, 2);
      sip.v2 ^= 0xff;
      sip.rounds(4);
      return sip.v0 ^ sip.v1 ^ sip.v2 ^ sip.v3;
    }

    private void absorb(long m, int rounds) {
      v3 ^= m;
      rounds(rounds);
      v0 ^= m;
    }

    private void rounds(int count) {
      for (int r = 0; r < count; r++) {
        v0 += v1;
        v1 = Long.rotateLeft(v1, 13);
        v1 ^= v0;
        v0 = Long.rotateLeft(v0, 32);
        v2 += v3;
        v3 = Long.rotateLeft(v3, 16);
        v3 ^= v2;
        v0 += v3;
        v3 = Long.rotateLeft(v3, 21);
        v3 ^= v0;
        v2 += v1;
        v1 = Long.rotateLeft(v1, 17);
        v1 ^= v2;
        v2 = Long.rotateLeft(v2, 32);
      }
    }
  }
}
