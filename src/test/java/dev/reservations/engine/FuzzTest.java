package dev.reservations.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.reservations.core.InvalidPageTokenException;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Seeded fuzzing of every text the engine reads from outside: sids, list URLs, page tokens and
 * status names. The only allowed outcomes are a value or the documented exception, of exactly that
 * class; an accepted page token must be one the engine issued.
 */
class FuzzTest {
  private static final int CASES = Integer.getInteger("fuzz.cases", 20_000);
  private static final String ALPHABET =
      "WTSKRAC0123456789abcdefABCDEFgxyz/?&=%#:._-~+ \t\n"
          + "\u0663\uff11\u00e9\u0000\ud83d\ude00PAB";

  private final ReservationEngine engine = ReservationEngine.builder().seed(5).build();

  @Test
  void sidParse_mutatedText_givesSidOrIllegalArgument() {
    SplittableRandom random = new SplittableRandom(1);
    String valid = new TaskSid(0x0123456789abcdefL, 0xfedcba9876543210L).toString();
    for (int i = 0; i < CASES; i++) {
      String text = mutate(random, valid, 1 + random.nextInt(3));
      check(
          text,
          t -> {
            TaskSid sid = TaskSid.parse(t);
            assertTrue(sid.toString().equalsIgnoreCase(t), t);
            return sid;
          },
          IllegalArgumentException.class);
    }
  }

  @Test
  void statusFromWireName_mutatedText_givesStatusOrIllegalArgument() {
    SplittableRandom random = new SplittableRandom(2);
    for (int i = 0; i < CASES; i++) {
      String base = ReservationStatus.values()[random.nextInt(8)].wireName();
      String text = mutate(random, base, random.nextInt(3));
      check(
          text,
          t -> {
            ReservationStatus s = ReservationStatus.fromWireName(t);
            assertEquals(t, s.wireName());
            return s;
          },
          IllegalArgumentException.class);
    }
  }

  @Test
  void queryParse_mutatedUris_giveQueryOrIllegalArgument() {
    SplittableRandom random = new SplittableRandom(3);
    WorkspaceSid ws = new WorkspaceSid(1, 2);
    List<String> seeds =
        List.of(
            ReservationQuery.forTask(ws, new TaskSid(3, 4))
                .withStatus(ReservationStatus.PENDING)
                .withWorker(new WorkerSid(5, 6))
                .withPageSize(20)
                .withPage(3)
                .withPageToken("PA" + "A".repeat(43))
                .toUri(),
            "https://taskrouter.twilio.com"
                + ReservationQuery.forWorker(ws, new WorkerSid(7, 8)).withPageSize(1000).toUri(),
            ReservationQuery.forTask(ws, new TaskSid(3, 4)).toUri() + "&PageSize=7&PageSize=9");
    for (int i = 0; i < CASES; i++) {
      String base = seeds.get(random.nextInt(seeds.size()));
      String text =
          random.nextInt(10) == 0
              ? duplicateParameter(random, base)
              : mutate(random, base, 1 + random.nextInt(4));
      check(
          text,
          t -> {
            ReservationQuery q = ReservationQuery.parse(t);
            assertEquals(q, ReservationQuery.parse(q.toUri()), () -> "round trip of " + quote(t));
            return q;
          },
          IllegalArgumentException.class);
    }
  }

  @Test
  void list_mutatedTokens_pageOrInvalidTokenAndNeverAForgery() {
    SplittableRandom random = new SplittableRandom(4);
    for (int i = 0; i < 40; i++) {
      Reservation r = engine.reserve(Fixtures.WS, Fixtures.task(i % 3), Fixtures.worker(i), "w");
      if (i % 5 == 0) {
        engine.reject(r.sid());
      }
    }
    List<ReservationQuery> lists = new ArrayList<>();
    Set<String> issued = new HashSet<>();
    for (int t = 0; t < 3; t++) {
      ReservationQuery q = ReservationQuery.forTask(Fixtures.WS, Fixtures.task(t)).withPageSize(2);
      lists.add(q);
      lists.add(q.withStatus(ReservationStatus.PENDING));
      for (ReservationQuery list : List.of(q, q.withStatus(ReservationStatus.PENDING))) {
        Optional<ReservationQuery> next = Optional.of(list);
        while (next.isPresent()) {
          Page<Reservation> page = engine.list(next.get());
          page.nextPage().flatMap(ReservationQuery::pageToken).ifPresent(issued::add);
          page.previousPage().flatMap(ReservationQuery::pageToken).ifPresent(issued::add);
          next = page.nextPage();
        }
      }
    }
    List<String> tokens = new ArrayList<>(issued);
    for (int i = 0; i < CASES; i++) {
      String token = tokens.get(random.nextInt(tokens.size()));
      String text = random.nextInt(20) == 0 ? token : mutate(random, token, 1 + random.nextInt(3));
      ReservationQuery list = lists.get(random.nextInt(lists.size()));
      // Text that toUri() could not write (an unpaired surrogate) is refused by withPageToken.
      check(text, t -> list.withPageToken(t), IllegalArgumentException.class);
      if (hasUnpairedSurrogate(text)) {
        continue;
      }
      check(
          text,
          t -> {
            Page<Reservation> page = engine.list(list.withPageToken(t));
            assertTrue(issued.contains(t), () -> "accepted a token it never issued: " + t);
            return page;
          },
          InvalidPageTokenException.class);
    }
  }

  private static <T> void check(
      String text, Function<String, T> parse, Class<? extends RuntimeException> allowed) {
    try {
      parse.apply(text);
    } catch (RuntimeException e) {
      if (e.getClass() != allowed) {
        fail("input " + quote(text) + " threw " + e, e);
      }
      assertTrue(
          e.getMessage() != null
              && !e.getMessage().isEmpty()
              && Character.isLowerCase(e.getMessage().charAt(0)),
          () -> "unclear message for " + quote(text) + ": " + e.getMessage());
    }
  }

  static String mutate(SplittableRandom random, String base, int edits) {
    StringBuilder text = new StringBuilder(base);
    for (int e = 0; e < edits; e++) {
      int at = text.length() == 0 ? 0 : random.nextInt(text.length() + 1);
      char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
      switch (random.nextInt(4)) {
        case 0:
          text.insert(at, c);
          break;
        case 1:
          if (at < text.length()) {
            text.deleteCharAt(at);
          }
          break;
        case 2:
          if (at < text.length()) {
            text.setCharAt(at, c);
          }
          break;
        default:
          if (at < text.length()) {
            text.setCharAt(at, (char) (text.charAt(at) ^ (1 << random.nextInt(7))));
          }
      }
    }
    return text.toString();
  }

  private static String duplicateParameter(SplittableRandom random, String base) {
    String[] extra = {
      "&PageSize=" + (random.nextInt(2200) - 100),
      "&Page=" + random.nextInt(),
      "&ReservationStatus=accepted",
      "&PageSize=99999999999999999999",
      "&PageSize=9999999999999999999",
      "&Page=-9223372036854775808",
      "&Unknown=1"
    };
    return base + extra[random.nextInt(extra.length)];
  }

  /** Independent of the code under test: UTF-8 cannot carry an unpaired surrogate. */
  private static boolean hasUnpairedSurrogate(String text) {
    return !text.equals(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return out.append('"').toString();
  }
}
