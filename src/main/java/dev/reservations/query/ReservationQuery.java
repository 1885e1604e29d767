package dev.reservations.query;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.text.Echo;
import dev.reservations.text.Utf16;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One page request of a reservation list, shaped like TaskRouter's {@code GET
 * /v1/Workspaces/{WorkspaceSid}/Tasks/{TaskSid}/Reservations} (a task list) or {@code GET
 * /v1/Workspaces/{WorkspaceSid}/Workers/{WorkerSid}/Reservations} (a worker list).
 *
 * <pre>{@code
 * ReservationQuery q = ReservationQuery.forTask(workspace, task)
 *     .withStatus(ReservationStatus.PENDING)
 *     .withPageSize(20);
 * q.toUri();
 * // /v1/Workspaces/WS…/Tasks/WT…/Reservations?ReservationStatus=pending&PageSize=20&Page=0
 * }</pre>
 *
 * <p>Immutable and thread-safe; each {@code with…} returns a new query. A null argument is a {@code
 * NullPointerException} naming the parameter. The page index is client state, as in TaskRouter: it
 * is echoed in the page, the page token decides where the items start.
 */
public final class ReservationQuery {
  /** The default page size, as TaskRouter's. */
  public static final int DEFAULT_PAGE_SIZE = 50;

  /** The largest page size TaskRouter serves. */
  public static final int MAX_PAGE_SIZE = 1000;

  private static final String V1_WORKSPACES = "/v1/Workspaces/";
  private static final String RESERVATIONS = "/Reservations";

  private final WorkspaceSid workspaceSid;
  private final @Nullable TaskSid taskSid;
  private final @Nullable WorkerSid workerSid;
  private final @Nullable ReservationStatus status;
  private final int pageSize;
  private final int page;
  private final @Nullable String pageToken;

  /**
   * {@link #path()}, made on first use; not part of the value. Racy but safe, like {@code
   * String.hash}: a thread that sees null makes an equal string.
   */
  private @Nullable String path;

  /**
   * The query this one was derived from through its {@code with…} methods, first of the line, whose
   * path is this one's: {@link #path()} takes that query's string, so that a page's links and rows,
   * all derived from its query, make the path once. Null for a query made by {@code forTask},
   * {@code forWorker} or {@link #parse}. Always the first of the line, so a walk keeps one query
   * alive, not every page's.
   */
  private @Nullable ReservationQuery pathSource;

  private ReservationQuery(
      WorkspaceSid workspaceSid,
      @Nullable TaskSid taskSid,
      @Nullable WorkerSid workerSid,
      @Nullable ReservationStatus status,
      int pageSize,
      int page,
      @Nullable String pageToken) {
    this.workspaceSid = workspaceSid;
    this.taskSid = taskSid;
    this.workerSid = workerSid;
    this.status = status;
    this.pageSize = pageSize;
    this.page = page;
    this.pageToken = pageToken;
  }

  /**
   * The first page of a task's reservations, 50 to a page. O(1).
   *
   * @param workspaceSid the task's workspace
   * @param taskSid the task
   * @return the query of the list's first page
   * @throws NullPointerException if an argument is null
   */
  public static ReservationQuery forTask(WorkspaceSid workspaceSid, TaskSid taskSid) {
    return new ReservationQuery(
        Objects.requireNonNull(workspaceSid, "workspaceSid"),
        Objects.requireNonNull(taskSid, "taskSid"),
        null,
        null,
        DEFAULT_PAGE_SIZE,
        0,
        null);
  }

  /**
   * The first page of a worker's reservations, 50 to a page. O(1).
   *
   * @param workspaceSid the worker's workspace
   * @param workerSid the worker
   * @return the query of the list's first page
   * @throws NullPointerException if an argument is null
   */
  public static ReservationQuery forWorker(WorkspaceSid workspaceSid, WorkerSid workerSid) {
    return new ReservationQuery(
        Objects.requireNonNull(workspaceSid, "workspaceSid"),
        null,
        Objects.requireNonNull(workerSid, "workerSid"),
        null,
        DEFAULT_PAGE_SIZE,
        0,
        null);
  }

  /**
   * Only reservations in {@code status} ({@code ReservationStatus=}). O(1).
   *
   * @param status the status to keep
   * @return a new query, otherwise the same
   * @throws NullPointerException if {@code status} is null
   */
  public ReservationQuery withStatus(ReservationStatus status) {
    Objects.requireNonNull(status, "status");
    return samePath(
        new ReservationQuery(workspaceSid, taskSid, workerSid, status, pageSize, page, pageToken));
  }

  /**
   * Any status: clears the status filter. O(1).
   *
   * @return a new query, otherwise the same
   */
  public ReservationQuery withoutStatus() {
    return samePath(
        new ReservationQuery(workspaceSid, taskSid, workerSid, null, pageSize, page, pageToken));
  }

  /**
   * Only the reservations of {@code workerSid} ({@code WorkerSid=}); task lists only.
   *
   * @param workerSid the worker to keep
   * @return a new query, otherwise the same
   * @throws NullPointerException if {@code workerSid} is null
   * @throws IllegalArgumentException on a worker list, whose path already names the worker
   */
  public ReservationQuery withWorker(WorkerSid workerSid) {
    Objects.requireNonNull(workerSid, "workerSid");
    if (taskSid == null) {
      throw new IllegalArgumentException(
          "worker filter applies to task lists only, this is the worker list of " + this.workerSid);
    }
    return samePath(
        new ReservationQuery(workspaceSid, taskSid, workerSid, status, pageSize, page, pageToken));
  }

  /**
   * Pages of {@code pageSize} reservations.
   *
   * @param pageSize how many reservations a page holds at most
   * @return a new query, otherwise the same
   * @throws IllegalArgumentException unless 1 ≤ {@code pageSize} ≤ 1000
   */
  public ReservationQuery withPageSize(int pageSize) {
    checkPageSize(pageSize);
    return samePath(
        new ReservationQuery(workspaceSid, taskSid, workerSid, status, pageSize, page, pageToken));
  }

  /**
   * The page index to echo; client state, as in TaskRouter.
   *
   * @param page the page index, 0 or more
   * @return a new query, otherwise the same
   * @throws IllegalArgumentException if {@code page} is negative
   */
  public ReservationQuery withPage(int page) {
    checkPage(page);
    return samePath(
        new ReservationQuery(workspaceSid, taskSid, workerSid, status, pageSize, page, pageToken));
  }

  /**
   * Starts the page at a token that an earlier page gave. The token is checked when the query runs,
   * not here; only text that has no UTF-8 form for {@link #toUri()} to percent-encode (an unpaired
   * UTF-16 surrogate) is refused at once.
   *
   * @param pageToken a {@code PA…} or {@code PB…} token from an earlier page
   * @return a new query, otherwise the same
   * @throws NullPointerException if {@code pageToken} is null
   * @throws IllegalArgumentException if {@code pageToken} holds an unpaired surrogate
   */
  public ReservationQuery withPageToken(String pageToken) {
    Objects.requireNonNull(pageToken, "pageToken");
    if (Utf16.hasUnpairedSurrogate(pageToken)) {
      throw new IllegalArgumentException(
          "page token must be well-formed UTF-16 text, without an unpaired surrogate: "
              + Echo.of(pageToken));
    }
    return samePath(
        new ReservationQuery(workspaceSid, taskSid, workerSid, status, pageSize, page, pageToken));
  }

  /**
   * Starts at the beginning of the list: clears the page token. O(1).
   *
   * @return a new query, otherwise the same
   */
  public ReservationQuery withoutPageToken() {
    return samePath(
        new ReservationQuery(workspaceSid, taskSid, workerSid, status, pageSize, page, null));
  }

  /** {@return the workspace in the path} */
  public WorkspaceSid workspaceSid() {
    return workspaceSid;
  }

  /** {@return true for a task list, false for a worker list} */
  public boolean isTaskList() {
    return taskSid != null;
  }

  /** {@return the task in the path of a task list; empty for a worker list} */
  public Optional<TaskSid> taskSid() {
    return Optional.ofNullable(taskSid);
  }

  /** {@return the worker in the path of a worker list, or the worker filter of a task list} */
  public Optional<WorkerSid> workerSid() {
    return Optional.ofNullable(workerSid);
  }

  /** {@return the status filter} */
  public Optional<ReservationStatus> status() {
    return Optional.ofNullable(status);
  }

  /** {@return the page size, 1 to 1000} */
  public int pageSize() {
    return pageSize;
  }

  /** {@return the page index, 0 or more} */
  public int page() {
    return page;
  }

  /** {@return the page token} */
  public Optional<String> pageToken() {
    return Optional.ofNullable(pageToken);
  }

  /**
   * The list's path in TaskRouter's form, without parameters: {@code
   * /v1/Workspaces/WS…/Tasks/WT…/Reservations} or {@code
   * /v1/Workspaces/WS…/Workers/WK…/Reservations}. A reservation's own resource is this path, {@code
   * /} and its sid. The one place that spells TaskRouter's URL shape. O(1); allocates the string on
   * first use, which the queries derived from this one (other filters, page, size or token) share.
   *
   * @return the path, starting with {@code /v1/}
   */
  public String path() {
    String made = path;
    if (made == null) {
      ReservationQuery source = pathSource;
      if (source != null) {
        made = source.path();
      } else {
        StringBuilder out = new StringBuilder(104);
        out.append(V1_WORKSPACES).append(workspaceSid);
        if (taskSid != null) {
          out.append("/Tasks/").append(taskSid);
        } else {
          out.append("/Workers/").append(workerSid);
        }
        made = out.append(RESERVATIONS).toString();
      }
      path = made;
    }
    return made;
  }

  /**
   * {@return {@code derived}, a query of the same list path, which takes its path from this one's
   * first of the line}
   */
  private ReservationQuery samePath(ReservationQuery derived) {
    derived.path = path;
    derived.pathSource = pathSource != null ? pathSource : this;
    return derived;
  }

  /**
   * Whether {@code other} asks for the same list: the same kind, workspace, task or worker, status
   * filter and worker filter. Page size, page index and page token do not count; a page token
   * belongs to exactly this identity. O(1); allocates nothing.
   *
   * @param other another query
   * @return true if both name the same list
   * @throws NullPointerException if {@code other} is null
   */
  public boolean sameList(ReservationQuery other) {
    Objects.requireNonNull(other, "other");
    return workspaceSid.equals(other.workspaceSid)
        && Objects.equals(taskSid, other.taskSid)
        && Objects.equals(workerSid, other.workerSid)
        && status == other.status;
  }

  /**
   * Whether {@code reservation} belongs to this list: its workspace, its task (task lists) or
   * worker (worker lists), and the status and worker filters. O(1); allocates nothing.
   *
   * @param reservation a reservation
   * @return true if a page of this list may hold it
   * @throws NullPointerException if {@code reservation} is null
   */
  public boolean matches(Reservation reservation) {
    Objects.requireNonNull(reservation, "reservation");
    return workspaceSid.equals(reservation.workspaceSid())
        && (taskSid == null || taskSid.equals(reservation.taskSid()))
        && (workerSid == null || workerSid.equals(reservation.workerSid()))
        && (status == null || status == reservation.status());
  }

  /**
   * The relative URL in TaskRouter's form and parameter order, the absent parts left out: {@code
   * /v1/Workspaces/WS…/Tasks/WT…/Reservations} (or {@code …/Workers/WK…/Reservations}), then {@code
   * ?ReservationStatus=…&WorkerSid=…&PageSize=50&Page=0&PageToken=…}. O(length).
   *
   * @return the relative URL, which {@link #parse(CharSequence)} reads back to an equal query
   */
  public String toUri() {
    // one concatenation each, which sizes the text once: this runs for each link of every page
    String filters = status == null ? "" : "ReservationStatus=" + status.wireName() + '&';
    if (taskSid != null && workerSid != null) {
      filters = filters + "WorkerSid=" + workerSid + '&';
    }
    if (pageToken == null) {
      return path() + '?' + filters + "PageSize=" + pageSize + "&Page=" + page;
    }
    return path()
        + '?'
        + filters
        + "PageSize="
        + pageSize
        + "&Page="
        + page
        + "&PageToken="
        + encoded(pageToken);
  }

  /**
   * Reads a list URL back: absolute (any scheme and host) or relative, with parameters in any
   * order. A parameter given twice takes its last value. Values may be percent-encoded. O(length).
   *
   * @param uri the URL of a task's or a worker's reservation list
   * @return the query it names
   * @throws NullPointerException if {@code uri} is null
   * @throws IllegalArgumentException for another path, a bad sid, an unknown parameter, a status
   *     that is not exactly a wire name, a page size outside 1..1000, a negative or non-numeric
   *     page, a worker filter on a worker list, a fragment or a malformed percent escape
   */
  public static ReservationQuery parse(CharSequence uri) {
    Objects.requireNonNull(uri, "uri");
    String text = uri.toString();
    int start = 0;
    int scheme = text.indexOf("://");
    if (scheme >= 0 && scheme < text.indexOf('/')) {
      int pathStart = text.indexOf('/', scheme + 3);
      if (pathStart < 0) {
        throw malformed("a URL with no path", text);
      }
      start = pathStart;
    }
    if (text.indexOf('#') >= 0) {
      throw malformed("a fragment", text);
    }
    if (Utf16.hasUnpairedSurrogate(text)) {
      throw malformed("text with an unpaired surrogate", text);
    }
    int question = text.indexOf('?', start);
    String path = question < 0 ? text.substring(start) : text.substring(start, question);
    ReservationQuery query = parsePath(path, text);
    if (question >= 0) {
      query = query.parseParameters(text.substring(question + 1), text);
    }
    return query;
  }

  private static ReservationQuery parsePath(String path, String text) {
    if (!path.startsWith(V1_WORKSPACES) || !path.endsWith(RESERVATIONS)) {
      throw malformed("another path", text);
    }
    String middle = path.substring(V1_WORKSPACES.length(), path.length() - RESERVATIONS.length());
    String[] parts = middle.split("/", -1);
    if (parts.length != 3) {
      throw malformed("another path", text);
    }
    WorkspaceSid workspace = WorkspaceSid.parse(parts[0]);
    switch (parts[1]) {
      case "Tasks":
        return forTask(workspace, TaskSid.parse(parts[2]));
      case "Workers":
        return forWorker(workspace, WorkerSid.parse(parts[2]));
      default:
        throw malformed("another path", text);
    }
  }

  private ReservationQuery parseParameters(String parameters, String text) {
    ReservationQuery query = this;
    if (parameters.isEmpty()) {
      return query;
    }
    for (String pair : parameters.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw malformed("a parameter without a value (" + pair + ")", text);
      }
      String name = pair.substring(0, eq);
      String value = decode(pair.substring(eq + 1), text);
      switch (name) {
        case "ReservationStatus":
          query = query.withStatus(ReservationStatus.fromWireName(value));
          break;
        case "WorkerSid":
          query = query.withWorker(WorkerSid.parse(value));
          break;
        case "PageSize":
          query = query.withPageSize(parseInt("page size", value));
          break;
        case "Page":
          query = query.withPage(parseInt("page", value));
          break;
        case "PageToken":
          query = query.withPageToken(value);
          break;
        default:
          throw new IllegalArgumentException(
              String.format(
                  Locale.ROOT,
                  "query parameter must be one of ReservationStatus, WorkerSid, PageSize, Page, "
                      + "PageToken: %s",
                  Echo.of(name)));
      }
    }
    return query;
  }

  /**
   * A decimal integer: an optional {@code -}, then ASCII digits, leading zeros allowed. One that
   * does not fit in an int is refused as such, however many digits it has.
   */
  private static int parseInt(String what, String value) {
    int sign = value.startsWith("-") ? 1 : 0;
    if (value.length() == sign) {
      throw notAnInteger(what, value);
    }
    int first = -1;
    for (int j = sign; j < value.length(); j++) {
      char c = value.charAt(j);
      if (c < '0' || c > '9') {
        throw notAnInteger(what, value);
      }
      if (first < 0 && c != '0') {
        first = j;
      }
    }
    if (first < 0) {
      return 0;
    }
    if (value.length() - first > 10) {
      throw notAnInt(what, value);
    }
    long parsed = Long.parseLong(value.substring(first));
    parsed = sign == 1 ? -parsed : parsed;
    if (parsed > Integer.MAX_VALUE || parsed < Integer.MIN_VALUE) {
      throw notAnInt(what, value);
    }
    return (int) parsed;
  }

  private static IllegalArgumentException notAnInt(String what, String value) {
    return new IllegalArgumentException(
        String.format(Locale.ROOT, "%s must fit in a 32-bit integer: %s", what, Echo.of(value)));
  }

  private static IllegalArgumentException notAnInteger(String what, String value) {
    return new IllegalArgumentException(
        String.format(Locale.ROOT, "%s must be a decimal integer: %s", what, Echo.of(value)));
  }

  static void checkPageSize(int pageSize) {
    if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "page size must be between 1 and %d: %d", MAX_PAGE_SIZE, pageSize));
    }
  }

  static void checkPage(int page) {
    if (page < 0) {
      throw new IllegalArgumentException("page must be 0 or more: " + page);
    }
  }

  private static IllegalArgumentException malformed(String what, String text) {
    return new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "reservation list URL must be /v1/Workspaces/WS…/Tasks/WT…/Reservations or "
                + "/v1/Workspaces/WS…/Workers/WK…/Reservations with an optional query, not %s: %s",
            what,
            Echo.of(text)));
  }

  /** For each ASCII char, whether a query value keeps it as it is (RFC 3986's unreserved). */
  private static final boolean[] UNRESERVED = unreserved();

  private static final char[] HEX_UPPER = "0123456789ABCDEF".toCharArray();

  private static boolean[] unreserved() {
    boolean[] kept = new boolean[128];
    for (char c :
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".toCharArray()) {
      kept[c] = true;
    }
    return kept;
  }

  /**
   * {@return {@code value} with every char but the unreserved ones ({@code A-Z a-z 0-9 - . _ ~})
   * percent-encoded as UTF-8: {@code value} itself when it holds no other char}
   */
  private static String encoded(String value) {
    for (int i = 0, n = value.length(); i < n; i++) {
      char c = value.charAt(i);
      if (c >= 128 || !UNRESERVED[c]) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        encode(value, out);
        return out.toString();
      }
    }
    return value;
  }

  private static void encode(String value, StringBuilder out) {
    for (int i = 0, n = value.length(); i < n; i++) {
      char c = value.charAt(i);
      if (c < 128 && UNRESERVED[c]) {
        out.append(c);
      } else {
        // the rest, as UTF-8 bytes, percent-encoded: a surrogate pair is one code point
        int end = i + 1;
        if (Character.isHighSurrogate(c)
            && end < n
            && Character.isLowSurrogate(value.charAt(end))) {
          end++;
        }
        for (byte b : value.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
          out.append('%').append(HEX_UPPER[(b >> 4) & 0xF]).append(HEX_UPPER[b & 0xF]);
        }
        i = end - 1;
      }
    }
  }

  private static String decode(String value, String text) {
    if (value.indexOf('%') < 0) {
      return value;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
    int run = 0;
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) != '%') {
        continue;
      }
      byte[] raw = value.substring(run, i).getBytes(StandardCharsets.UTF_8);
      bytes.write(raw, 0, raw.length);
      int hi = i + 2 < value.length() ? hexDigit(value.charAt(i + 1)) : -1;
      int lo = i + 2 < value.length() ? hexDigit(value.charAt(i + 2)) : -1;
      if (hi < 0 || lo < 0) {
        throw malformed("a malformed percent escape", text);
      }
      bytes.write(hi * 16 + lo);
      i += 2;
      run = i + 1;
    }
    byte[] raw = value.substring(run).getBytes(StandardCharsets.UTF_8);
    bytes.write(raw, 0, raw.length);
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static int hexDigit(char c) {
    return HexFormat.isHexDigit(c) ? HexFormat.fromHexDigit(c) : -1;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ReservationQuery)) {
      return false;
    }
    ReservationQuery other = (ReservationQuery) o;
    return pageSize == other.pageSize
        && page == other.page
        && workspaceSid.equals(other.workspaceSid)
        && Objects.equals(taskSid, other.taskSid)
        && Objects.equals(workerSid, other.workerSid)
        && status == other.status
        && Objects.equals(pageToken, other.pageToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(workspaceSid, taskSid, workerSid, status, pageSize, page, pageToken);
  }

  /** The same as {@link #toUri()}. */
  @Override
  public String toString() {
    return toUri();
  }
}
