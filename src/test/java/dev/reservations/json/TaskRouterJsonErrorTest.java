package dev.reservations.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.Reservation;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Reading bad input: every failure is an IAE naming the JSON path and the value. */
class TaskRouterJsonErrorTest {
  private static final TaskRouterJson JSON = TaskRouterJson.create();
  private static final String PAGE =
      JSON.writePage(JSON.readPage(JsonTree.resource("docs-task-list-full.json")));
  private static final String ONE = JSON.writeTaskReservation(TaskRouterJsonGoldenTest.doug());

  private static String pageWith(String from, String to) {
    assertTrue(PAGE.contains(from), from);
    return PAGE.replace(from, to);
  }

  private static String readPageError(String json) {
    return assertThrows(IllegalArgumentException.class, () -> JSON.readPage(json)).getMessage();
  }

  private static String readReservationError(String json) {
    return assertThrows(IllegalArgumentException.class, () -> JSON.readReservation(json))
        .getMessage();
  }

  @Test
  void readPage_badStatus_namesPathAndValue() {
    assertEquals(
        "$.reservations[0].reservation_status: reservation status must be one of "
            + "pending, accepted, rejected, timeout, canceled, rescinded, wrapping, completed: "
            + "Accepted",
        readPageError(pageWith("\"accepted\"", "\"Accepted\"")));
  }

  @Test
  void readPage_badSid_namesPathAndValue() {
    assertEquals(
        "$.reservations[0].sid: reservation sid must match ^WR[0-9a-fA-F]{32}$: WRxyz",
        readPageError(
            pageWith("\"sid\":\"WRaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", "\"sid\":\"WRxyz\"")));
  }

  @Test
  void readPage_workerSidOfAnotherKind_namesPathAndValue() {
    String ws = "WSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    assertEquals(
        "$.reservations[0].worker_sid: worker sid must match ^WK[0-9a-fA-F]{32}$: " + ws,
        readPageError(
            pageWith(
                "\"worker_sid\":\"WKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"",
                "\"worker_sid\":\"" + ws + "\"")));
  }

  @Test
  void readPage_dateWithoutOffset_namesPathAndValue() {
    assertEquals(
        "$.reservations[0].date_created: date must be an ISO-8601 date-time with an "
            + "offset, such as 2014-05-14T10:50:02Z: 2014-05-14T10:50:02",
        readPageError(pageWith("2014-05-14T10:50:02Z", "2014-05-14T10:50:02")));
  }

  @Test
  void readPage_impossibleDate_namesPathAndValue() {
    assertEquals(
        "$.reservations[0].date_created: date must be an ISO-8601 date-time with an "
            + "offset, such as 2014-05-14T10:50:02Z: 2014-02-30T10:50:02Z",
        readPageError(pageWith("2014-05-14T10:50:02Z", "2014-02-30T10:50:02Z")));
  }

  @Test
  void readPage_dateUpdatedBeforeCreated_namesDateUpdated() {
    assertEquals(
        "$.reservations[0].date_updated: date updated must not be before date "
            + "created: 2013-05-15T16:03:42Z < 2014-05-14T10:50:02Z",
        readPageError(pageWith("2014-05-15T16:03:42Z", "2013-05-15T16:03:42Z")));
  }

  @Test
  void readPage_missingSid_namesPath() {
    assertEquals(
        "$.reservations[0].sid: required field is missing",
        readPageError(pageWith("\"sid\":\"WRaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",", "")));
  }

  @Test
  void readReservation_missingWorkerName_namesPath() {
    assertEquals(
        "$.worker_name: required field is missing",
        readReservationError(ONE.replace("\"worker_name\":\"Doug\",", "")));
  }

  @Test
  void readPage_missingMetaOrReservations_namesPath() {
    assertEquals("$.meta: required field is missing", readPageError("{\"reservations\":[]}"));
    assertEquals(
        "$.reservations: required field is missing",
        readPageError(PAGE.substring(0, PAGE.indexOf(",\"reservations\"")) + "}"));
    assertEquals(
        "$.meta.url: required field is missing",
        readPageError("{\"meta\":{},\"reservations\":[]}"));
  }

  @Test
  void readPage_nullAccountSid_namesPath() {
    assertEquals(
        "$.reservations[0].account_sid: value must be a string: null",
        readPageError(pageWith("\"ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", "null")));
  }

  @Test
  void readPage_wrongTypes_namePathAndValue() {
    assertEquals(
        "$.reservations[0].sid: value must be a string: 42",
        readPageError(pageWith("\"sid\":\"WRaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", "\"sid\":42")));
    assertEquals(
        "$.meta.page: value must be a 32-bit integer: \"0\"",
        readPageError(pageWith("\"page\":0", "\"page\":\"0\"")));
    assertEquals(
        "$.meta.page_size: value must be a 32-bit integer: 50.0",
        readPageError(pageWith("\"page_size\":50", "\"page_size\":50.0")));
    assertEquals(
        "$.meta.page: value must be a 32-bit integer: 99999999999",
        readPageError(pageWith("\"page\":0", "\"page\":99999999999")));
    assertEquals(
        "$.reservations: value must be an array: an object",
        readPageError(PAGE.substring(0, PAGE.indexOf("[{")) + "{}}"));
    assertEquals(
        "$.reservations[0]: a reservation must be a JSON object: \"x\"",
        readPageError(PAGE.substring(0, PAGE.indexOf("[{")) + "[\"x\"]}"));
    assertEquals("$: a page must be a JSON object: an array", readPageError("[]"));
    assertEquals("$: a reservation must be a JSON object: 7", readReservationError("7"));
  }

  @Test
  void readPage_duplicateKey_namesPathAndKey() {
    assertEquals(
        "$.reservations[0].sid: an object must not repeat a field name: sid",
        readPageError(
            pageWith(
                "\"task_sid\"", "\"sid\":\"WRaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"task_sid\"")));
    assertEquals(
        "$.reservations[0].attention: an object must not repeat a field name: attention",
        readPageError(pageWith("\"task_sid\"", "\"attention\":0,\"attention\":1,\"task_sid\"")));
    assertEquals(
        "$.meta: an object must not repeat a field name: meta",
        readPageError(pageWith(",\"reservations\"", ",\"meta\":{},\"reservations\"")));
  }

  @Test
  void readPage_truncated_isNotCompleteJson() {
    assertEquals(
        "$.reservations[0].links.task: input is not complete JSON: it ends too early",
        readPageError(PAGE.substring(0, PAGE.indexOf("/Tasks/", PAGE.indexOf("links")))));
    for (int cut = 0; cut < PAGE.length(); cut++) {
      String message = readPageError(PAGE.substring(0, cut));
      assertTrue(message.contains("input is not complete JSON"), message);
    }
  }

  @Test
  void readPage_emptyInput_isNotCompleteJson() {
    assertEquals("$: input is not complete JSON: it ends before any value", readPageError(""));
    assertEquals("$: input is not complete JSON: it ends before any value", readPageError(" \n\t"));
    assertEquals(
        "$: input is not complete JSON: it ends before any value", readReservationError(""));
  }

  @Test
  void readPage_nonJson_isNotCompleteJson() {
    String message = readPageError("hello");
    assertTrue(
        message.startsWith("$: input is not complete JSON: unrecognized token 'hello'"), message);
    message = readPageError("{'meta': 1}");
    assertTrue(message.startsWith("$: input is not complete JSON: "), message);
    message = readPageError(PAGE.replace(",\"page\"", ",,\"page\""));
    assertTrue(message.startsWith("$.meta.next_page_url: input is not complete JSON: "), message);
  }

  @Test
  void readPage_trailingValue_isRejected() {
    assertEquals(
        "$: input must hold one JSON value, but more follows it: an object",
        readPageError(PAGE + " {}"));
  }

  @Test
  void readPage_deepNesting_isRejected() {
    int depth = 100;
    String nested = "[".repeat(depth) + "]".repeat(depth);
    StringBuilder path = new StringBuilder("$.reservations[0].attention");
    // attention's array is level 4; the first level past 64 is the 65th.
    for (int level = 5; level <= 65; level++) {
      path.append("[0]");
    }
    assertEquals(
        path + ": input must be nested at most 64 levels deep",
        readPageError(pageWith("\"task_sid\"", "\"attention\":" + nested + ",\"task_sid\"")));
    String deep = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
    String message = readPageError(deep);
    assertTrue(message.endsWith(": input must be nested at most 64 levels deep"), message);
  }

  @Test
  void readPage_hugeString_isRejected() {
    String name = "x".repeat(70_000);
    assertEquals(
        "$.reservations[0].worker_name: a string must be at most 65536 chars: " + "70000 chars",
        readPageError(pageWith("\"Doug\"", "\"" + name + "\"")));
    String hugeName = "y".repeat(300_000);
    String message = readPageError(pageWith("\"Doug\"", "\"" + hugeName + "\""));
    assertTrue(message.startsWith("$.reservations[0].worker_name: "), message);
  }

  @Test
  void readPage_hugeUnknownValue_isSkipped() {
    String big = "\"" + "z".repeat(300_000) + "\"";
    assertEquals(
        JSON.readPage(PAGE),
        JSON.readPage(pageWith("\"task_sid\"", "\"attention\":" + big + ",\"task_sid\"")));
  }

  @Test
  void readPage_linkOfAnotherList_namesPath() {
    String other =
        PAGE.replace(
            "\"next_page_url\":null",
            "\"next_page_url\":\""
                + "https://taskrouter.twilio.com/v1/Workspaces/WSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                + "/Tasks/WTbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb/Reservations?PageSize=50&Page=1\"");
    String message = readPageError(other);
    assertTrue(
        message.startsWith("$.meta.next_page_url: next page must be of the same list as "),
        message);
  }

  @Test
  void readPage_badListUrl_namesPath() {
    String message =
        readPageError(
            pageWith(
                "/Tasks/WTaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Reservations?",
                "/Tasks/WTaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/Reservations?Foo=1&"));
    assertTrue(
        message.startsWith("$.meta.first_page_url: query parameter must be one of "), message);
  }

  @Test
  void readPage_reservationOfAnotherTask_namesPath() {
    String other =
        PAGE.replace(
            "\"task_sid\":\"WTaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"",
            "\"task_sid\":\"WTbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"");
    assertEquals(
        "$.reservations[0].task_sid: a reservation of this page must have the task of "
            + "meta.url, WTaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa: WTbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
        readPageError(other));
  }

  @Test
  void readPage_metaDisagreeingWithUrl_namesPath() {
    assertEquals(
        "$.meta.page_size: page size must equal the PageSize of meta.url, 50: 20",
        readPageError(pageWith("\"page_size\":50", "\"page_size\":20")));
    assertEquals(
        "$.meta.page: page must equal the Page of meta.url, 0: -1",
        readPageError(pageWith("\"page\":0", "\"page\":-1")));
    assertEquals(
        "$.meta.key: key must be reservations: workers",
        readPageError(pageWith("\"key\":\"reservations\"", "\"key\":\"workers\"")));
  }

  @Test
  void readPage_unknownFieldsAnywhere_areIgnored() {
    String noisy =
        PAGE.replace("{\"meta\":{", "{\"x\":[1,{\"y\":null}],\"meta\":{\"z\":true,")
            .replace("\"task_sid\"", "\"attention\":{\"a\":[1,2]},\"task_sid\"");
    assertEquals(JSON.readPage(PAGE), JSON.readPage(noisy));
  }

  @Test
  void readPage_reservationsBeforeMeta_reads() {
    int split = PAGE.indexOf(",\"reservations\"");
    String meta = PAGE.substring(1, split);
    String reservations = PAGE.substring(split + 1, PAGE.length() - 1);
    assertEquals(JSON.readPage(PAGE), JSON.readPage("{" + reservations + "," + meta + "}"));
  }

  @Test
  void readReservation_offsetDates_areNormalisedToUtc() {
    Reservation r =
        JSON.readReservation(
            ONE.replace("2014-05-14T10:50:02Z", "2014-05-14T12:50:02+02:00")
                .replace("2014-05-15T16:03:42Z", "2014-05-15T16:03:42.123456789-01:30"));
    assertEquals(Instant.parse("2014-05-14T10:50:02Z"), r.dateCreated());
    assertEquals(Instant.parse("2014-05-15T17:33:42.123456789Z"), r.dateUpdated());
    assertEquals(0, r.version());
  }

  @Test
  void readPage_streams_readUtf8() {
    String named = PAGE.replace("\"Doug\"", "\"Zoë 日本\"");
    byte[] bytes = named.getBytes(StandardCharsets.UTF_8);
    assertEquals(
        "Zoë 日本", JSON.readPage(new ByteArrayInputStream(bytes)).items().get(0).workerName());
    assertEquals("Zoë 日本", JSON.readPage(new StringReader(named)).items().get(0).workerName());
  }

  @Test
  void readPage_invalidUtf8_isIllegalArgument() {
    byte[] bytes = PAGE.replace("\"Doug\"", "\"D?ug\"").getBytes(StandardCharsets.UTF_8);
    int at = PAGE.indexOf("Doug") + 1;
    bytes[at] = (byte) 0xC3;
    String message =
        assertThrows(
                IllegalArgumentException.class,
                () -> JSON.readPage(new ByteArrayInputStream(bytes)))
            .getMessage();
    assertTrue(
        message.startsWith("$.reservations[0].worker_name: input is not complete JSON: "), message);
  }

  @Test
  void readPage_failingStream_isUncheckedIo() {
    InputStream in =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk on fire");
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            throw new IOException("disk on fire");
          }
        };
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> JSON.readPage(in));
    assertEquals("disk on fire", e.getCause().getMessage());
    Reader reader =
        new Reader() {
          @Override
          public int read(char[] buffer, int off, int len) throws IOException {
            throw new IOException("disk on fire");
          }

          @Override
          public void close() {}
        };
    assertThrows(UncheckedIOException.class, () -> JSON.readReservation(reader));
  }

  @Test
  void writePage_failingWriter_isUncheckedIo() {
    Writer out =
        new Writer() {
          @Override
          public void write(char[] buffer, int off, int len) throws IOException {
            throw new IOException("disk full");
          }

          @Override
          public void flush() throws IOException {
            throw new IOException("disk full");
          }

          @Override
          public void close() {}
        };
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> JSON.writePage(JSON.readPage(PAGE), out));
    assertEquals("could not write the reservation page", e.getMessage());
  }

  @Test
  void nullArguments_throwNpeNamingTheParameter() {
    assertEquals(
        "json",
        assertThrows(NullPointerException.class, () -> JSON.readPage((String) null)).getMessage());
    assertEquals(
        "in",
        assertThrows(NullPointerException.class, () -> JSON.readPage((InputStream) null))
            .getMessage());
    assertEquals(
        "page", assertThrows(NullPointerException.class, () -> JSON.writePage(null)).getMessage());
    assertEquals(
        "reservation",
        assertThrows(NullPointerException.class, () -> JSON.writeTaskReservation(null))
            .getMessage());
    assertEquals(
        "baseUrl",
        assertThrows(NullPointerException.class, () -> TaskRouterJson.create(null)).getMessage());
  }

  @Test
  void readPage_randomlyDamagedInput_throwsOnlyIllegalArgument() {
    Random random = new Random(7);
    String alphabet = "{}[],:\"\\ 0aZ-.e+nultrf\u0000\u00e9";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder damaged = new StringBuilder(PAGE);
      for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
        int at = random.nextInt(damaged.length());
        switch (random.nextInt(3)) {
          case 0:
            damaged.deleteCharAt(at);
            break;
          case 1:
            damaged.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
            break;
          default:
            damaged.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      String input = damaged.toString();
      try {
        JSON.readPage(input);
        JSON.readPage(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      } catch (IllegalArgumentException expected) {
        assertTrue(expected.getMessage().startsWith("$"), expected.getMessage());
      }
    }
  }
}
