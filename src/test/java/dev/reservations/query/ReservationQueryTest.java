package dev.reservations.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReservationQueryTest {
  private static final String WS = "WSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String WT = "WTaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String WK = "WKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String TASK_PATH = "/v1/Workspaces/" + WS + "/Tasks/" + WT + "/Reservations";
  private static final String WORKER_PATH =
      "/v1/Workspaces/" + WS + "/Workers/" + WK + "/Reservations";

  private static ReservationQuery task() {
    return ReservationQuery.forTask(WorkspaceSid.parse(WS), TaskSid.parse(WT));
  }

  /**
   * Queries derived before any path is made (a page's next and previous, then its links) still make
   * it once: each takes the first of its line's, whichever asks first.
   */
  @Test
  void path_ofQueriesDerivedBeforeItIsMade_isMadeOnceForTheLine() {
    ReservationQuery first =
        ReservationQuery.forWorker(WorkspaceSid.parse(WS), WorkerSid.parse(WK));
    ReservationQuery query = first.withPageSize(2);
    ReservationQuery next = query.withPage(1).withPageToken("PAx");
    ReservationQuery previous = next.withPage(0).withPageToken("PBy");
    String made = next.path();
    assertSame(made, previous.path());
    assertSame(made, query.path());
    assertSame(made, first.path());
    assertSame(made, query.withoutPageToken().path());
    assertEquals(WORKER_PATH, made);
    assertEquals(WORKER_PATH, ReservationQuery.parse(previous.toUri()).path());
  }

  /**
   * A derived query shares its parent's path string once the parent made it; every derivation still
   * has the path of its own fields, the same as a query parsed from its URL.
   */
  @Test
  void path_ofEveryDerivedQuery_isItsOwn_whenSharedFromItsParent() {
    WorkspaceSid ws = WorkspaceSid.parse(WS);
    for (ReservationQuery parent :
        new ReservationQuery[] {
          ReservationQuery.forTask(ws, TaskSid.parse(WT)),
          ReservationQuery.forWorker(ws, WorkerSid.parse(WK))
        }) {
      String made = parent.path();
      ReservationQuery[] derived = {
        parent.withStatus(ReservationStatus.PENDING),
        parent.withStatus(ReservationStatus.PENDING).withoutStatus(),
        parent.withPageSize(7),
        parent.withPage(3),
        parent.withPageToken("PAx"),
        parent.withPageToken("PAx").withoutPageToken(),
        parent.isTaskList() ? parent.withWorker(WorkerSid.parse(WK)) : parent.withPage(1)
      };
      for (ReservationQuery q : derived) {
        assertSame(made, q.path(), q::toString);
        assertEquals(ReservationQuery.parse(q.toUri()).path(), q.path(), q::toString);
        assertEquals(q.path() + "?", q.toUri().substring(0, q.path().length() + 1));
      }
    }
  }

  @Test
  void toUri_defaults_matchTaskRouter() {
    assertEquals(TASK_PATH + "?PageSize=50&Page=0", task().toUri());
    assertEquals(
        WORKER_PATH + "?PageSize=50&Page=0",
        ReservationQuery.forWorker(WorkspaceSid.parse(WS), WorkerSid.parse(WK)).toUri());
  }

  /**
   * A page token of every kind of char: the unreserved ASCII ones kept, every other char
   * percent-encoded (upper-case hex) as the bytes of its UTF-8 form, a surrogate pair as one code
   * point; and the URL reads back to the same token.
   */
  @Test
  void toUri_pageTokenOfEveryKindOfChar_isPercentEncodedUtf8AndReadsBack() {
    String token = "PAzZ09-._~ +/%&=?#\u00e9\u07ff\u0800\uffff\ud83d\ude00\u0000\u007f";
    StringBuilder expected = new StringBuilder();
    for (byte b : token.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || "-._~".indexOf(c) >= 0) {
        expected.append(c);
      } else {
        expected.append(String.format(java.util.Locale.ROOT, "%%%02X", b & 0xFF));
      }
    }
    ReservationQuery q = task().withPageToken(token);
    assertEquals(TASK_PATH + "?PageSize=50&Page=0&PageToken=" + expected, q.toUri());
    assertEquals(
        "PAzZ09-._~%20%2B%2F%25%26%3D%3F%23%C3%A9%DF%BF%E0%A0%80%EF%BF%BF%F0%9F%98%80%00%7F",
        expected.toString());
    assertEquals(q, ReservationQuery.parse(q.toUri()));
  }

  @Test
  void toUri_everyPart_inTaskRouterOrder() {
    ReservationQuery q =
        task()
            .withPageToken("PAabc")
            .withPage(2)
            .withPageSize(20)
            .withWorker(WorkerSid.parse(WK))
            .withStatus(ReservationStatus.PENDING);
    assertEquals(
        TASK_PATH
            + "?ReservationStatus=pending&WorkerSid="
            + WK
            + "&PageSize=20&Page=2&PageToken=PAabc",
        q.toUri());
    assertEquals(q, ReservationQuery.parse(q.toUri()));
    assertEquals(q, ReservationQuery.parse("https://taskrouter.twilio.com" + q.toUri()));
  }

  @Test
  void parse_anyOrderAndLastWins() {
    ReservationQuery q =
        ReservationQuery.parse(
            TASK_PATH + "?PageSize=10&Page=1&ReservationStatus=accepted&PageSize=20");
    assertEquals(20, q.pageSize());
    assertEquals(1, q.page());
    assertEquals(Optional.of(ReservationStatus.ACCEPTED), q.status());
    assertTrue(q.isTaskList());
  }

  @Test
  void parse_percentEncodedValue_isDecoded() {
    ReservationQuery q = ReservationQuery.parse(WORKER_PATH + "?PageToken=PA%41b");
    assertEquals(Optional.of("PAAb"), q.pageToken());
    assertFalse(q.isTaskList());
  }

  @Test
  void parse_noQuery_defaults() {
    assertEquals(task(), ReservationQuery.parse(TASK_PATH));
    assertEquals(task(), ReservationQuery.parse("http://localhost:8080" + TASK_PATH + "?"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/Workspaces/" + WS + "/Tasks/" + WT,
        "/v2/Workspaces/" + WS + "/Tasks/" + WT + "/Reservations",
        "/v1/Workspaces/" + WS + "/Activities/" + WT + "/Reservations",
        "/v1/Workspaces/" + WS + "/Tasks/" + WT + "/Reservations/extra",
        TASK_PATH + "#frag",
        TASK_PATH + "?PageSize",
        TASK_PATH + "?PageToken=%4",
        TASK_PATH + "?PageToken=%zz",
        "https://host"
      })
  void parse_malformed_throwsNamingTheShape(String uri) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReservationQuery.parse(uri));
    assertTrue(
        e.getMessage()
            .startsWith(
                "reservation list URL must be /v1/Workspaces/WS…/Tasks/WT…/Reservations or"
                    + " /v1/Workspaces/WS…/Workers/WK…/Reservations with an optional query, not "),
        e.getMessage());
  }

  @Test
  void parse_unknownParameter_throws() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ReservationQuery.parse(TASK_PATH + "?Status=pending"));
    assertEquals(
        "query parameter must be one of ReservationStatus, WorkerSid, PageSize, Page, "
            + "PageToken: Status",
        e.getMessage());
  }

  @Test
  void parse_badValues_throwTheirRule() {
    assertMessage("page size must be between 1 and 1000: 1001", TASK_PATH + "?PageSize=1001");
    assertMessage("page size must be between 1 and 1000: 0", TASK_PATH + "?PageSize=0");
    assertMessage("page must be 0 or more: -1", TASK_PATH + "?Page=-1");
    assertMessage("page size must be a decimal integer: 1e3", TASK_PATH + "?PageSize=1e3");
    assertMessage(
        "page must fit in a 32-bit integer: 99999999999", TASK_PATH + "?Page=99999999999");
    assertMessage(
        "reservation status must be one of pending, accepted, rejected, timeout, "
            + "canceled, rescinded, wrapping, completed: PENDING",
        TASK_PATH + "?ReservationStatus=PENDING");
    assertMessage(
        "worker sid must match ^WK[0-9a-fA-F]{32}$: WKxyz", TASK_PATH + "?WorkerSid=WKxyz");
    assertMessage(
        "task sid must match ^WT[0-9a-fA-F]{32}$: WTshort",
        "/v1/Workspaces/" + WS + "/Tasks/WTshort/Reservations");
    assertMessage(
        "worker filter applies to task lists only, this is the worker list of " + WK,
        WORKER_PATH + "?WorkerSid=" + WK);
  }

  private static void assertMessage(String message, String uri) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ReservationQuery.parse(uri));
    assertEquals(message, e.getMessage());
  }

  @Test
  void with_badArguments_throw() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> task().withPageSize(1001));
    assertEquals("page size must be between 1 and 1000: 1001", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> task().withPageSize(0));
    assertThrows(IllegalArgumentException.class, () -> task().withPageSize(Integer.MAX_VALUE));
    assertThrows(IllegalArgumentException.class, () -> task().withPage(-1));
    NullPointerException npe =
        assertThrows(NullPointerException.class, () -> task().withStatus(null));
    assertEquals("status", npe.getMessage());
    assertThrows(NullPointerException.class, () -> task().withPageToken(null));
    assertThrows(NullPointerException.class, () -> ReservationQuery.parse(null));
    assertThrows(NullPointerException.class, () -> ReservationQuery.forTask(null, null));
  }

  @Test
  void without_clearsParts() {
    ReservationQuery q = task().withStatus(ReservationStatus.PENDING).withPageToken("PAx");
    assertEquals(task(), q.withoutStatus().withoutPageToken());
    assertEquals(Optional.empty(), task().workerSid());
  }

  @Test
  void page_firstPageAndLinks() {
    ReservationQuery q = task().withPage(3).withPageToken("PAx");
    Page<String> page = Page.of(q, java.util.List.of("a"), null, null);
    assertEquals(task(), page.firstPage());
    assertEquals(3, page.pageIndex());
    assertEquals("reservations", page.key());
    assertThrows(UnsupportedOperationException.class, () -> page.items().add("b"));
    assertThrows(
        IllegalArgumentException.class,
        () -> Page.of(task().withPageSize(1), java.util.List.of("a", "b"), null, null));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Page.of(
                task(), java.util.List.of(), task().withStatus(ReservationStatus.PENDING), null));
  }
}
