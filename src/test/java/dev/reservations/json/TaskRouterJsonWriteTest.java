package dev.reservations.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Base URLs, dates and the three write targets. */
class TaskRouterJsonWriteTest {
  private static final Reservation DOUG = TaskRouterJsonGoldenTest.doug();

  private static Reservation dated(Instant created, Instant updated) {
    return new Reservation(
        DOUG.sid(),
        DOUG.accountSid(),
        DOUG.workspaceSid(),
        DOUG.taskSid(),
        DOUG.workerSid(),
        DOUG.workerName(),
        DOUG.status(),
        created,
        updated,
        3);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tree(String json) {
    return (Map<String, Object>) JsonTree.parse(json);
  }

  @Test
  void create_trailingSlash_isDropped() {
    TaskRouterJson json = TaskRouterJson.create("http://localhost:8080/");
    assertEquals("http://localhost:8080", json.baseUrl());
    assertEquals(
        "http://localhost:8080/v1/Workspaces/WSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            + "/Tasks/WTaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Reservations/"
            + "WRaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        tree(json.writeTaskReservation(DOUG)).get("url"));
    assertEquals(TaskRouterJson.DEFAULT_BASE_URL, TaskRouterJson.create().baseUrl());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ftp://example.com",
        "https://example.com?x=1",
        "https://example.com#f",
        "example.com",
        "https://",
        "https:///v1",
        "http://exa mple.com",
        "",
        "/v1",
        "HTTPS//example.com"
      })
  void create_badBaseUrl_throwsNamingRuleAndValue(String url) {
    assertEquals(
        "base url must be an http or https url with a host and no query or fragment: " + url,
        assertThrows(IllegalArgumentException.class, () -> TaskRouterJson.create(url))
            .getMessage());
  }

  @Test
  void readPage_baseUrlWithPath_readsItsOwnOutputBack() {
    TaskRouterJson json = TaskRouterJson.create("https://example.com/taskrouter/");
    Page<Reservation> page =
        TaskRouterJson.create().readPage(JsonTree.resource("openapi-worker-list-full.json"));
    String written = json.writePage(page);
    assertTrue(
        written.contains("\"url\":\"https://example.com/taskrouter/v1/Workspaces/"), written);
    assertEquals(page, json.readPage(written));
  }

  @Test
  void writeTaskReservation_datesAreTruncatedNeverRounded() {
    Reservation r =
        dated(
            Instant.parse("2014-05-14T10:50:02.999999999Z"),
            Instant.parse("2014-05-15T16:03:42.5Z"));
    Map<String, Object> tree = tree(TaskRouterJson.create().writeTaskReservation(r));
    assertEquals("2014-05-14T10:50:02Z", tree.get("date_created"));
    assertEquals("2014-05-15T16:03:42Z", tree.get("date_updated"));
  }

  @Test
  void writeTaskReservation_negativeEpoch_truncatesTowardsThePast() {
    Reservation r = dated(Instant.ofEpochSecond(-86_400, 1), Instant.ofEpochMilli(-1));
    Map<String, Object> tree = tree(TaskRouterJson.create().writeTaskReservation(r));
    assertEquals("1969-12-31T00:00:00Z", tree.get("date_created"));
    assertEquals("1969-12-31T23:59:59Z", tree.get("date_updated"));
  }

  @Test
  void writeTaskReservation_yearsOutside0To9999_useIsoInstantAndReadBack() {
    TaskRouterJson json = TaskRouterJson.create();
    Instant old = Instant.parse("-0044-03-15T12:00:00Z");
    Instant far = Instant.parse("+12345-06-07T08:09:10Z");
    Reservation r = dated(old, far);
    Map<String, Object> tree = tree(json.writeTaskReservation(r));
    assertEquals("-0044-03-15T12:00:00Z", tree.get("date_created"));
    assertEquals("+12345-06-07T08:09:10Z", tree.get("date_updated"));
    Reservation read = json.readReservation(json.writeTaskReservation(r));
    assertEquals(old, read.dateCreated());
    assertEquals(far, read.dateUpdated());
  }

  @Test
  void dates_randomInstants_matchIsoInstantAndReadBack() {
    Random random = new Random(11);
    byte[] buffer = new byte[WireDates.LENGTH + 7];
    WireDates.LastDay last = new WireDates.LastDay();
    long seconds = 0;
    for (int i = 0; i < 200_000; i++) {
      if (i < 1000) {
        seconds = i - 500; // one day after another, second by second
      } else if (i % 2 == 0) {
        seconds += random.nextInt(40_000); // the next date of the same day or of a later one
      } else {
        seconds = random.nextLong() % 300_000_000_000L;
      }
      Instant instant = Instant.ofEpochSecond(seconds, random.nextInt(1_000_000_000));
      String expected = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(seconds));
      int at = i % 8;
      int end = WireDates.format(seconds, buffer, at, i % 3 == 0 ? new WireDates.LastDay() : last);
      String written =
          end < 0
              ? WireDates.formatSlow(instant)
              : new String(buffer, at, end - at, StandardCharsets.US_ASCII);
      assertEquals(expected, written);
      assertEquals(Instant.ofEpochSecond(seconds), WireDates.parse(written));
    }
  }

  @Test
  void dates_dayYearAndRangeBoundaries_matchIsoInstant() {
    String[] edges = {
      "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1969-12-31T23:59:59Z",
      "1970-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2000-01-01T00:00:00Z",
      "2000-02-29T12:00:00Z", "2100-02-28T23:59:59Z", "2100-03-01T00:00:00Z",
      "2024-02-29T23:59:59Z", "2024-03-01T00:00:00Z", "2026-12-31T23:59:59Z"
    };
    byte[] buffer = new byte[WireDates.LENGTH];
    WireDates.LastDay last = new WireDates.LastDay();
    for (String edge : edges) {
      long seconds = Instant.parse(edge).getEpochSecond();
      for (long s = seconds - 1; s <= seconds + 1; s++) {
        String expected = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(s));
        int end = WireDates.format(s, buffer, 0, last);
        String written =
            end < 0
                ? WireDates.formatSlow(Instant.ofEpochSecond(s))
                : new String(buffer, 0, end, StandardCharsets.US_ASCII);
        assertEquals(expected, written);
      }
    }
    assertEquals(
        -1,
        WireDates.format(Instant.parse("-0001-12-31T23:59:59Z").getEpochSecond(), buffer, 0, last));
    assertEquals(
        -1,
        WireDates.format(
            Instant.parse("+10000-01-01T00:00:00Z").getEpochSecond(), buffer, 0, last));
  }

  @Test
  void writePage_threeTargets_writeTheSameJson() {
    TaskRouterJson json = TaskRouterJson.create();
    Page<Reservation> page = json.readPage(JsonTree.resource("docs-task-list-full.json"));
    String text = json.writePage(page);
    StringWriter writer = new StringWriter();
    json.writePage(page, writer);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    json.writePage(page, bytes);
    assertEquals(text, writer.toString());
    assertEquals(text, bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void writePage_workerList_usesWorkerPathUrls() {
    ReservationQuery query =
        ReservationQuery.forWorker(DOUG.workspaceSid(), DOUG.workerSid())
            .withStatus(ReservationStatus.ACCEPTED);
    String written = TaskRouterJson.create().writePage(Page.of(query, List.of(DOUG), null, null));
    assertTrue(
        written.contains(
            "\"url\":\"https://taskrouter.twilio.com/v1/Workspaces/"
                + "WSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Workers/WKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/"
                + "Reservations/WRaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\""),
        written);
    assertTrue(!written.contains("attention"), written);
  }

  @Test
  void writePage_rowsOfSeveralWorkspaces_writeEachRowsOwnWorkspace() {
    WorkspaceSid other = WorkspaceSid.parse("WSbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    Reservation elsewhere =
        new Reservation(
            DOUG.sid(),
            DOUG.accountSid(),
            other,
            DOUG.taskSid(),
            DOUG.workerSid(),
            "Ann \"the\" \\ one\n",
            DOUG.status(),
            DOUG.dateCreated(),
            DOUG.dateUpdated(),
            0);
    ReservationQuery query = ReservationQuery.forTask(DOUG.workspaceSid(), DOUG.taskSid());
    String written =
        TaskRouterJson.create()
            .writePage(Page.of(query, List.of(DOUG, elsewhere, DOUG), null, null));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = (List<Map<String, Object>>) tree(written).get("reservations");
    assertEquals(DOUG.workspaceSid().toString(), rows.get(0).get("workspace_sid"));
    assertEquals(other.toString(), rows.get(1).get("workspace_sid"));
    assertEquals("Ann \"the\" \\ one\n", rows.get(1).get("worker_name"));
    assertTrue(((String) rows.get(1).get("url")).contains(other.toString()));
    assertEquals(DOUG.workspaceSid().toString(), rows.get(2).get("workspace_sid"));
    assertEquals(rows.get(0), rows.get(2));
  }

  /**
   * Rows whose keys, worker names, statuses and dates repeat, change and come back, some of the
   * dates after the years the fast path writes: every row of the page is byte for byte the row
   * written alone, whether it was written piece by piece or as a copy of an earlier row.
   */
  @Test
  void writePage_keysRepeatingAndChanging_eachRowAsWrittenAlone() {
    Random random = new Random(23);
    WorkspaceSid[] workspaces = {
      DOUG.workspaceSid(), WorkspaceSid.parse("WSbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb")
    };
    String[] names = {"w0", "w1", "Zoë \"z\""};
    ReservationStatus[] statuses = ReservationStatus.values();
    Instant day = Instant.parse("2026-03-01T10:00:00Z");
    Instant far = Instant.parse("+12026-03-01T10:00:00Z");
    List<Reservation> rows = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      // few distinct values, so that every field repeats, changes, and comes back
      Instant created = (random.nextInt(20) == 0 ? far : day).plusSeconds(random.nextInt(200_000));
      Instant updated =
          random.nextInt(20) == 0
              ? far.plusSeconds(400_000)
              : created.plusSeconds(random.nextInt(90));
      rows.add(
          new Reservation(
              new dev.reservations.core.ReservationSid(random.nextLong(), random.nextLong()),
              new dev.reservations.core.AccountSid(0, random.nextInt(20) == 0 ? 1 : 0),
              workspaces[random.nextInt(10) == 0 ? 1 : 0],
              new dev.reservations.core.TaskSid(0x77, random.nextInt(3)),
              new dev.reservations.core.WorkerSid(0, random.nextInt(5) == 0 ? 1 : 0),
              names[random.nextInt(8) == 0 ? random.nextInt(names.length) : 0],
              statuses[random.nextInt(statuses.length)],
              created,
              updated,
              0));
    }
    TaskRouterJson json = TaskRouterJson.create();
    for (ReservationQuery query :
        List.of(
            ReservationQuery.forTask(DOUG.workspaceSid(), DOUG.taskSid()).withPageSize(1000),
            ReservationQuery.forWorker(DOUG.workspaceSid(), DOUG.workerSid()).withPageSize(1000))) {
      for (int from = 0; from < rows.size(); from += 1000) {
        List<Reservation> items = rows.subList(from, from + 1000);
        String page = json.writePage(Page.of(query, items, null, null));
        String expected = rowsWrittenAlone(json, query, items);
        assertTrue(page.endsWith(expected), "rows " + from + "+ of " + query);
      }
    }
  }

  /**
   * The copy path where the rewritten test above does not go: rows copied while the buffer grows
   * (worker names so long that rows outgrow the writer's first guess of 1 KB each), dates created
   * before the year 0 with dates updated inside the fast years (in the pattern row and in the row
   * copied), and a base URL with non-ASCII chars in its path. Each row is the row written alone,
   * and the page is the bytes jackson-core writes for it.
   */
  @Test
  void writePage_rowsOutgrowingTheBufferOrCreatedBeforeYearZero_eachRowAsWrittenAlone()
      throws Exception {
    TaskRouterJson json = TaskRouterJson.create("https://example.com/t\u00e2che/\ud83d\ude00");
    String[] names = {"n".repeat(1500) + "\u00e9", "short"};
    Instant day = Instant.parse("2026-03-01T10:00:00Z");
    Instant early = Instant.parse("-0001-12-31T23:59:59Z");
    Random random = new Random(37);
    List<Reservation> rows = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Instant created =
          random.nextInt(4) == 0
              ? early.minusSeconds(random.nextInt(1000))
              : day.plusSeconds(random.nextInt(100_000));
      rows.add(
          new Reservation(
              new dev.reservations.core.ReservationSid(random.nextLong(), random.nextLong()),
              DOUG.accountSid(),
              DOUG.workspaceSid(),
              new TaskSid(7, random.nextInt(2)),
              DOUG.workerSid(),
              names[random.nextInt(30) == 0 ? 1 : 0],
              ReservationStatus.values()[random.nextInt(2)],
              created,
              day.plusSeconds(100_000 + random.nextInt(100)),
              0));
    }
    com.fasterxml.jackson.core.JsonFactory jackson = new com.fasterxml.jackson.core.JsonFactory();
    for (ReservationQuery query :
        List.of(
            ReservationQuery.forTask(DOUG.workspaceSid(), DOUG.taskSid()).withPageSize(1000),
            ReservationQuery.forWorker(DOUG.workspaceSid(), DOUG.workerSid()).withPageSize(1000))) {
      String page = json.writePage(Page.of(query, rows, null, null));
      String expected = rowsWrittenAlone(json, query, rows);
      assertTrue(page.endsWith(expected), () -> "rows of " + query);
      assertTrue(
          page.startsWith(
              "{\"meta\":{\"first_page_url\":\"https://example.com/t\u00e2che/\\uD83D\\uDE00"
                  + query.withPage(0).toUri()
                  + "\""),
          () -> page.substring(0, 200));
      assertEquals(jacksonCopy(jackson, page), page);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      json.writePage(Page.of(query, rows, null, null), bytes);
      assertEquals(page, bytes.toString(StandardCharsets.UTF_8));
    }
  }

  /**
   * The writer's bytes are jackson-core's: a generator copying the written document (parsed by
   * Jackson, every string unescaped and escaped again) writes the very same bytes, on random engine
   * pages and on reservations whose worker names draw from every kind of char the escaping treats
   * apart (quote, backslash, each control char, DEL, two- and three-byte chars, surrogate pairs,
   * lone surrogates).
   */
  @Test
  void write_anyDocument_isByteForByteWhatJacksonWritesForIt() throws Exception {
    com.fasterxml.jackson.core.JsonFactory jackson = new com.fasterxml.jackson.core.JsonFactory();
    TaskRouterJson json = TaskRouterJson.create("http://localhost:8080");
    EngineFixture fixture = new EngineFixture(29, 600);
    List<String> written = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      written.add(json.writePage(fixture.engine.list(fixture.randomQuery())));
    }
    char[] kinds = {
      'a', 'Z', '~', '/', '"', '\\', '\b', '\t', '\n', '\f', '\r', '\u0000', '\u001f', '\u007f',
      '\u00e9', '\u07ff', '\u0800', '\uffff', '\ud83d', '\ude00', '\ud800', '\udfff'
    };
    Random random = new Random(31);
    for (int i = 0; i < 2_000; i++) {
      char[] name = new char[random.nextInt(12)];
      for (int k = 0; k < name.length; k++) {
        name[k] = kinds[random.nextInt(kinds.length)];
      }
      Reservation r =
          new Reservation(
              DOUG.sid(),
              DOUG.accountSid(),
              DOUG.workspaceSid(),
              DOUG.taskSid(),
              DOUG.workerSid(),
              new String(name),
              DOUG.status(),
              DOUG.dateCreated(),
              DOUG.dateUpdated(),
              i);
      written.add(i % 2 == 0 ? json.writeTaskReservation(r) : json.writeWorkerReservation(r));
    }
    for (String text : written) {
      assertEquals(jacksonCopy(jackson, text), text);
    }
  }

  /**
   * {@return what jackson-core's UTF-8 generator writes for the document {@code json}, parsed by
   * Jackson: every string unescaped and escaped again}
   */
  private static String jacksonCopy(com.fasterxml.jackson.core.JsonFactory jackson, String json)
      throws java.io.IOException {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    try (com.fasterxml.jackson.core.JsonParser parser = jackson.createParser(json);
        com.fasterxml.jackson.core.JsonGenerator generator =
            jackson.createGenerator(copy, com.fasterxml.jackson.core.JsonEncoding.UTF8)) {
      parser.nextToken();
      generator.copyCurrentStructure(parser);
    }
    return copy.toString(StandardCharsets.UTF_8);
  }

  @Test
  void sharedInstance_manyThreads_writeAndReadTheSame() throws Exception {
    TaskRouterJson json = TaskRouterJson.create("http://localhost:8080");
    EngineFixture fixture = new EngineFixture(17, 400);
    List<Page<Reservation>> pages = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      pages.add(fixture.engine.list(fixture.randomQuery()));
    }
    List<String> expected = pages.stream().map(json::writePage).toList();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(
            pool.submit(
                () -> {
                  for (int round = 0; round < 50; round++) {
                    for (int i = 0; i < pages.size(); i++) {
                      String written = json.writePage(pages.get(i));
                      if (!written.equals(expected.get(i))
                          || !json.writePage(json.readPage(written)).equals(written)) {
                        return false;
                      }
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertTrue(result.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void writePage_nestedInTheCallersStreamOrAfterAPageOverTheSpare_writesEachPageWhole() {
    TaskRouterJson json = TaskRouterJson.create();
    ReservationEngine engine = ReservationEngine.builder().seed(41).build();
    WorkerSid worker = new WorkerSid(4, 1);
    for (int i = 0; i < 400; i++) {
      engine.reserve(DOUG.workspaceSid(), new TaskSid(4, i), worker, "w\u00e9 " + i);
    }
    ReservationQuery list = ReservationQuery.forWorker(DOUG.workspaceSid(), worker);
    Page<Reservation> small = engine.list(list.withPageSize(3));
    Page<Reservation> large = engine.list(list.withPageSize(400));
    String smallText = json.writePage(small);
    String largeText = json.writePage(large);
    assertTrue(largeText.length() > WireWriter.MAX_SPARE, () -> "" + largeText.length());
    assertEquals(smallText, json.writePage(small));
    List<String> nested = new ArrayList<>();
    ByteArrayOutputStream outer =
        new ByteArrayOutputStream() {
          @Override
          public synchronized void write(byte[] b, int off, int len) {
            nested.add(json.writePage(large)); // a write inside a write: its own buffer
            nested.add(json.writePage(small));
            super.write(b, off, len);
          }
        };
    json.writePage(small, outer);
    assertEquals(smallText, outer.toString(StandardCharsets.UTF_8));
    assertEquals(List.of(largeText, smallText), nested);
    assertEquals(smallText, json.writePage(small));
  }

  /** {@return the end of a page of {@code items}: each row as {@code json} writes it alone} */
  private static String rowsWrittenAlone(
      TaskRouterJson json, ReservationQuery query, List<Reservation> items) {
    List<String> alone = new ArrayList<>();
    for (Reservation r : items) {
      alone.add(query.isTaskList() ? json.writeTaskReservation(r) : json.writeWorkerReservation(r));
    }
    return "\"reservations\":[" + String.join(",", alone) + "]}";
  }
}
