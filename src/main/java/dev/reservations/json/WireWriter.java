package dev.reservations.json;

import dev.reservations.core.AccountSid;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.Sid;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Writes one page or one reservation as TaskRouter's JSON, straight into UTF-8 bytes; one write at
 * a time per instance, which a thread keeps for its next write and never shares with another. The
 * bytes are exactly those jackson-core 2's UTF-8 generator writes for the same document with
 * default settings (compact, fields in this order), which the tests check: a page has a fixed
 * shape, and writing it here costs a fraction of going through a generator, which escapes and
 * encodes every char of it.
 *
 * <p>Layout: {@code buffer[0, length)} is the JSON so far; it doubles when full. Field names and
 * the punctuation around them are constant byte arrays. Sids, dates, statuses and the links made of
 * them are ASCII with nothing to escape, and are copied or formatted byte by byte; so are the query
 * URLs of {@link ReservationQuery#toUri()}, after the base URL, which is escaped once per writer.
 * Every other string (the worker name, the page's key) goes through {@link #string}, which escapes
 * as the generator does: {@code "} and {@code \}, the short forms {@code \b \t \n \f \r}, every
 * other control char and every UTF-16 surrogate as {@code \}{@code uXXXX} (upper-case hex), the
 * rest as UTF-8. A row is written as 16 pieces: its two sids twice each, its dates, status and
 * worker name, and between them the parts that are the same for every row of one account, one
 * workspace and worker, or one list (the links, the worker and workspace sids, the row's list URL
 * from {@link ReservationQuery#path()}, the one place that spells TaskRouter's list URLs), each
 * made when a row's differs from the last row's, which on an engine's page happens on its first row
 * only (a task's list: for each worker). A row whose parts, worker name and status are those of an
 * earlier row of the page is not written piece by piece: the last such row is copied, and its two
 * dates and four sids are written over with the row's own, which the fixed widths of dates and sids
 * allow.
 *
 * <p>A closed writer goes back to its thread as the thread's spare, and the thread's next write
 * with the same base URL takes it: its buffer, already in cache, and its parts, each still tied to
 * the sids it was made of and made anew as soon as a row's differ, as within a page. What a write
 * put in the buffer is never read by a later one: {@link #close} forgets the rows (the patterns of
 * {@link #copyRow}) and the length. A write nested in another (from a caller's stream) finds no
 * spare and makes its own writer.
 */
final class WireWriter {
  /** Eight bytes at a time, the first in the lowest index: a sid's 32 hex digits are 4 stores. */
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private static final byte[] HEX_UPPER = ascii("0123456789ABCDEF");

  /** For each ASCII char: 0 if it is written as it is, its short escape, or -1 for a uXXXX one. */
  private static final byte[] ESCAPES = escapes();

  private static final byte[] META_FIRST_PAGE_URL = ascii("{\"meta\":{\"first_page_url\":");
  private static final byte[] KEY = ascii(",\"key\":");
  private static final byte[] NEXT_PAGE_URL = ascii(",\"next_page_url\":");
  private static final byte[] PAGE = ascii(",\"page\":");
  private static final byte[] PAGE_SIZE = ascii(",\"page_size\":");
  private static final byte[] PREVIOUS_PAGE_URL = ascii(",\"previous_page_url\":");
  private static final byte[] URL = ascii(",\"url\":");
  private static final byte[] RESERVATIONS = ascii("},\"reservations\":[");
  private static final byte[] END_PAGE = ascii("]}");
  private static final byte[] NULL = ascii("null");

  private static final byte[] ACCOUNT_SID = ascii("{\"account_sid\":\"");
  private static final byte[] DATE_CREATED = ascii("\",\"date_created\":\"");
  private static final byte[] DATE_UPDATED = ascii("\",\"date_updated\":\"");
  private static final byte[] LINKS_TASK = ascii("\",\"links\":{\"task\":\"");
  private static final byte[] LINKS_WORKER = ascii("\",\"worker\":\"");
  private static final byte[] LINKS_WORKSPACE = ascii("\",\"workspace\":\"");
  private static final byte[] RESERVATION_STATUS = ascii("\"},\"reservation_status\":\"");
  private static final byte[] TASK_SID = ascii("\",\"task_sid\":\"");
  private static final byte[] ROW_URL = ascii("\",\"url\":\"");
  private static final byte[] WORKER_NAME = ascii("\",\"worker_name\":");
  private static final byte[] WORKER_SID = ascii(",\"worker_sid\":\"");
  private static final byte[] WORKSPACE_SID = ascii("\",\"workspace_sid\":\"");
  private static final byte[] END_ROW = ascii("\"}");

  private static final byte[] V1_WORKSPACES = ascii("/v1/Workspaces/");
  private static final byte[] TASKS = ascii("/Tasks/");
  private static final byte[] WORKERS = ascii("/Workers/");

  /**
   * For each status, its wire name and the {@code sid} field's opening: {@code accepted","sid":"}.
   */
  private static final byte[][] STATUS_THEN_SID = statusThenSid();

  private static final int SID_LENGTH = 34;

  /** The offsets kept of a row in {@link #slots}: two dates, four sids and the row's length. */
  private static final int SLOTS = 7;

  private static final byte[] EMPTY = new byte[0];

  /** The largest buffer a thread keeps between writes: a page of about 250 items. */
  static final int MAX_SPARE = 256 * 1024;

  /**
   * Each thread's spare writer, or null while a write of the thread has it: a 50-item page is
   * written into memory already in cache, no 50 KB array is allocated and zeroed for it, and the
   * parts of the last page's rows are not made again for the next page of the same list.
   */
  private static final ThreadLocal<@Nullable WireWriter> SPARE = new ThreadLocal<>();

  /** The base URL of every link, as given. */
  private final String baseUrl;

  /** The base URL of every link, escaped. */
  private final byte[] base;

  /** Whether {@link #base} is all ASCII: {@link #allAscii} at the start of each write. */
  private final boolean baseAscii;

  private byte[] buffer;
  private int length;

  /**
   * False once {@link #encode} has made a byte of a multi-byte UTF-8 sequence in this write or in
   * {@link #base}, the only bytes over 0x7F a writer makes: everything else it writes is ASCII.
   */
  private boolean allAscii = true;

  /** The day of the last date written: the dates of a page mostly share a few days. */
  private final WireDates.LastDay lastDay = new WireDates.LastDay();

  /** '{base}/v1/Workspaces/', escaped: the start of every link. */
  private final byte[] workspacesUrl;

  // The parts of a row that are the same for every row of an account, a workspace, a worker or a
  // list (written here in single quotes), each made anew when a row's key differs from the last
  // row's; empty until the first row.

  /** '{"account_sid":"AC…","date_created":"' of {@link #accountKey}. */
  private byte[] accountPart = EMPTY;

  private @Nullable AccountSid accountKey;

  /** '","links":{"task":"{base}/v1/Workspaces/WS…/Tasks/' of {@link #workspaceKey}. */
  private byte[] taskLinkPart = EMPTY;

  /**
   * '","worker":"{worker link}","workspace":"{workspace link}"},"reservation_status":"' of {@link
   * #workerKey} under {@link #workspaceKey}.
   */
  private byte[] workerLinkPart = EMPTY;

  /** ',"worker_sid":"WK…","workspace_sid":"WS…"}' of {@link #workerKey} and its workspace. */
  private byte[] endPart = EMPTY;

  private @Nullable WorkspaceSid workspaceKey;
  private @Nullable WorkerSid workerKey;

  /** '","url":"{base}{list path}/' of the list of {@link #listKey} under {@link #listWorkspace}. */
  private byte[] listPart = EMPTY;

  /** The query of the page being written, if any. */
  private @Nullable ReservationQuery pageQuery;

  private @Nullable Sid listKey;
  private @Nullable WorkspaceSid listWorkspace;

  /** The worker name of the rows in {@link #rowStart}. */
  private @Nullable String rowName;

  /**
   * For each status, where the last row of it starts in the buffer, or -1: a row whose parts,
   * worker name and status are the same as that row's is a copy of it, with its own two dates and
   * four sids put in; every part made anew, and a new worker name, forgets them all; a row with a
   * date out of the fast range is no pattern.
   */
  private final int[] rowStart = filled(ReservationStatus.values().length, -1);

  /**
   * For each status, {@link #SLOTS} offsets into the row at {@link #rowStart}: its date created,
   * its date updated, its task sid, sid, task sid again and sid again, and last its length.
   */
  private final int[] slots = new int[SLOTS * ReservationStatus.values().length];

  private WireWriter(String baseUrl, byte[] buffer) {
    this.baseUrl = baseUrl;
    this.base = escaped(baseUrl);
    this.baseAscii = allAscii;
    this.buffer = buffer;
    this.workspacesUrl = concat(base, V1_WORKSPACES);
  }

  /**
   * A writer with room for {@code expectedLength} bytes at first: the thread's spare writer if its
   * base URL is {@code baseUrl}, else a new one, on the spare's buffer if that is large enough;
   * taken from the thread until {@link #close}.
   */
  static WireWriter open(String baseUrl, int expectedLength) {
    WireWriter spare = SPARE.get();
    if (spare == null) {
      return new WireWriter(baseUrl, new byte[expectedLength]);
    }
    SPARE.set(null); // taken: a write nested in this one (from a caller's stream) gets its own
    if (spare.buffer.length < expectedLength) {
      spare.buffer = new byte[expectedLength];
    }
    return spare.baseUrl.equals(baseUrl) ? spare : new WireWriter(baseUrl, spare.buffer);
  }

  /**
   * {@return the bytes written, decoded} Bytes all ASCII are their own chars, so they are taken as
   * ISO-8859-1, which copies them without checking each for the start of a UTF-8 sequence.
   */
  String text() {
    return new String(
        buffer, 0, length, allAscii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  /**
   * Ends the write: forgets what was written and gives the writer to the thread as its spare,
   * unless its buffer is over {@link #MAX_SPARE} bytes or the thread has one. Neither the writer
   * nor its {@link #bytes()} may be used after by the caller.
   */
  void close() {
    length = 0;
    allAscii = baseAscii;
    pageQuery = null;
    forgetRows();
    if (buffer.length <= MAX_SPARE && SPARE.get() == null) {
      SPARE.set(this);
    }
  }

  /** {@return the bytes written so far; {@link #length()} of them count} */
  byte[] bytes() {
    return buffer;
  }

  /** {@return how many bytes have been written} */
  int length() {
    return length;
  }

  void page(Page<Reservation> page) {
    ReservationQuery query = page.query();
    pageQuery = query;
    raw(META_FIRST_PAGE_URL);
    link(page.firstPage());
    raw(KEY);
    string(page.key());
    raw(NEXT_PAGE_URL);
    link(page.nextPage());
    raw(PAGE);
    number(page.pageIndex());
    raw(PAGE_SIZE);
    number(page.pageSize());
    raw(PREVIOUS_PAGE_URL);
    link(page.previousPage());
    raw(URL);
    link(query);
    raw(RESERVATIONS);
    boolean taskPath = query.isTaskList();
    List<Reservation> items = page.items();
    for (int i = 0, n = items.size(); i < n; i++) {
      if (i > 0) {
        room(1);
        buffer[length++] = ',';
      }
      reservation(items.get(i), taskPath);
    }
    raw(END_PAGE);
  }

  /**
   * Writes the absolute URL of {@code query} as a JSON string: the base URL, escaped once per
   * writer, then {@link ReservationQuery#toUri()}, which is ASCII with nothing to escape (sids,
   * names of statuses and parameters, digits, and a page token percent-encoded to unreserved
   * chars), copied as it is.
   */
  private void link(ReservationQuery query) {
    String uri = query.toUri();
    int count = uri.length();
    room(2 + base.length + count);
    buffer[length++] = '"';
    System.arraycopy(base, 0, buffer, length, base.length);
    length += base.length;
    copyAscii(uri, buffer, length);
    length += count;
    buffer[length++] = '"';
  }

  /** Copies {@code ascii}, whose chars are all below 0x80, to {@code out} at {@code at}. */
  @SuppressWarnings("deprecation") // the one copy of a string's chars that keeps their low bytes
  private static void copyAscii(String ascii, byte[] out, int at) {
    ascii.getBytes(0, ascii.length(), out, at);
  }

  private void link(Optional<ReservationQuery> link) {
    if (link.isPresent()) {
      link(link.get());
    } else {
      raw(NULL);
    }
  }

  /** Writes one reservation object, its {@code url} on the task path or the worker path. */
  void reservation(Reservation r, boolean taskPath) {
    WorkspaceSid workspace = r.workspaceSid();
    WorkerSid worker = r.workerSid();
    AccountSid account = r.accountSid();
    if (!account.equals(accountKey)) {
      accountPart = concat(ACCOUNT_SID, sidBytes(account), DATE_CREATED);
      accountKey = account;
      forgetRows();
    }
    if (!workspace.equals(workspaceKey) || !worker.equals(workerKey)) {
      // made before any is kept: a writer goes on to the thread's next write even after one that
      // failed (an OutOfMemoryError), and its parts must stay those of its keys
      byte[] workspaceLink = concat(workspacesUrl, sidBytes(workspace));
      byte[] taskLink = concat(LINKS_TASK, workspaceLink, TASKS);
      byte[] workerLink =
          concat(
              LINKS_WORKER,
              workspaceLink,
              WORKERS,
              sidBytes(worker),
              LINKS_WORKSPACE,
              workspaceLink,
              RESERVATION_STATUS);
      byte[] end =
          concat(WORKER_SID, sidBytes(worker), WORKSPACE_SID, sidBytes(workspace), END_ROW);
      taskLinkPart = taskLink;
      workerLinkPart = workerLink;
      endPart = end;
      workspaceKey = workspace;
      workerKey = worker;
      forgetRows();
    }
    byte[] list = listPart(r, taskPath);
    String name = r.workerName();
    if (!name.equals(rowName)) {
      rowName = name;
      forgetRows();
    }
    int status = r.status().ordinal();
    if (rowStart[status] >= 0 && copyRow(r, status)) {
      return;
    }
    int start = length;
    int[] slot = slots;
    int at = status * SLOTS;
    TaskSid task = r.taskSid();
    ReservationSid sid = r.sid();
    raw(accountPart);
    slot[at] = length - start;
    boolean datesFast = date(r.dateCreated());
    raw(DATE_UPDATED);
    slot[at + 1] = length - start;
    datesFast &= date(r.dateUpdated());
    raw(taskLinkPart);
    slot[at + 2] = length - start;
    sid(task);
    raw(workerLinkPart);
    raw(STATUS_THEN_SID[status]);
    slot[at + 3] = length - start;
    sid(sid);
    raw(TASK_SID);
    slot[at + 4] = length - start;
    sid(task);
    raw(list);
    slot[at + 5] = length - start;
    sid(sid);
    raw(WORKER_NAME);
    string(name);
    raw(endPart);
    slot[at + 6] = length - start;
    // a date out of the fast range has another length: its row is no pattern for the next ones
    rowStart[status] = datesFast ? start : -1;
  }

  /**
   * Writes {@code r} as a copy of the last row written of its status, whose parts, worker name and
   * status are all {@code r}'s, with its own dates and sids put in their places; false, with
   * nothing kept (what it copied lies past {@link #length}), if a date of {@code r} is out of the
   * fast range.
   */
  private boolean copyRow(Reservation r, int status) {
    int[] slot = slots;
    int at = status * SLOTS;
    int count = slot[at + 6];
    room(count);
    byte[] out = buffer;
    int start = length;
    System.arraycopy(out, rowStart[status], out, start, count);
    if (WireDates.format(r.dateCreated().getEpochSecond(), out, start + slot[at], lastDay) < 0
        || WireDates.format(r.dateUpdated().getEpochSecond(), out, start + slot[at + 1], lastDay)
            < 0) {
      return false;
    }
    sidTwice(out, start + slot[at + 2], start + slot[at + 4], r.taskSid());
    sidTwice(out, start + slot[at + 3], start + slot[at + 5], r.sid());
    rowStart[status] = start;
    length = start + count;
    return true;
  }

  /** Forgets the rows written so far as patterns: a part, or the worker name, has changed. */
  private void forgetRows() {
    Arrays.fill(rowStart, -1);
  }

  /**
   * {@return '","url":"{base}{list path}/' of the list the row's {@code url} lies under, its task's
   * or its worker's} Made anew only when the row's list differs from the last row's.
   */
  private byte[] listPart(Reservation r, boolean taskPath) {
    Sid key = taskPath ? r.taskSid() : r.workerSid();
    WorkspaceSid workspace = r.workspaceSid();
    if (listPart.length == 0 || !key.equals(listKey) || !workspace.equals(listWorkspace)) {
      ReservationQuery list =
          pageQuery != null && pageQuery.matches(r) && pageQuery.isTaskList() == taskPath
              ? pageQuery // whose path, made for the page's links, is the row's list's
              : taskPath
                  ? ReservationQuery.forTask(workspace, r.taskSid())
                  : ReservationQuery.forWorker(workspace, r.workerSid());
      listPart = concat(ROW_URL, base, ascii(list.path() + "/"));
      listKey = key;
      listWorkspace = workspace;
      forgetRows();
    }
    return listPart;
  }

  /** Writes {@code instant}; returns false if it is out of the fast range, and so not 20 bytes. */
  private boolean date(Instant instant) {
    room(WireDates.LENGTH);
    int end = WireDates.format(instant.getEpochSecond(), buffer, length, lastDay);
    if (end < 0) {
      raw(ascii(WireDates.formatSlow(instant))); // ISO-8601: ASCII, nothing to escape
      return false;
    }
    length = end;
    return true;
  }

  private void number(int value) {
    raw(ascii(Integer.toString(value)));
  }

  private void sid(Sid sid) {
    room(SID_LENGTH);
    length = sid(buffer, length, sid);
  }

  /** {@return the canonical form of {@code sid}, as ASCII bytes} */
  private static byte[] sidBytes(Sid sid) {
    byte[] out = new byte[SID_LENGTH];
    sid(out, 0, sid);
    return out;
  }

  /** {@return the parts, one after another} */
  private static byte[] concat(byte[]... parts) {
    int total = 0;
    for (byte[] part : parts) {
      total += part.length;
    }
    byte[] out = new byte[total];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    return out;
  }

  /** Writes the canonical form of {@code sid} at {@code at}; returns the end. */
  private static int sid(byte[] out, int at, Sid sid) {
    String prefix = sid.prefix();
    out[at] = (byte) prefix.charAt(0);
    out[at + 1] = (byte) prefix.charAt(1);
    long high = sid.high();
    long low = sid.low();
    LONGS.set(out, at + 2, hex8((int) (high >>> 32)));
    LONGS.set(out, at + 10, hex8((int) high));
    LONGS.set(out, at + 18, hex8((int) (low >>> 32)));
    LONGS.set(out, at + 26, hex8((int) low));
    return at + SID_LENGTH;
  }

  /**
   * Writes the 32 hex digits of {@code sid} over the digits of the sids at {@code at} and {@code
   * again}, whose prefix is already {@code sid}'s.
   */
  private static void sidTwice(byte[] out, int at, int again, Sid sid) {
    long high = sid.high();
    long low = sid.low();
    long a = hex8((int) (high >>> 32));
    long b = hex8((int) high);
    long c = hex8((int) (low >>> 32));
    long d = hex8((int) low);
    LONGS.set(out, at + 2, a);
    LONGS.set(out, at + 10, b);
    LONGS.set(out, at + 18, c);
    LONGS.set(out, at + 26, d);
    LONGS.set(out, again + 2, a);
    LONGS.set(out, again + 10, b);
    LONGS.set(out, again + 18, c);
    LONGS.set(out, again + 26, d);
  }

  /**
   * {@return the eight lower-case hex digits of {@code value} as ASCII bytes, the first in the
   * highest byte} Each nibble is spread into a byte of its own, then offset to {@code '0'}, and by
   * {@code 'a' - '0' - 10} more where it is 10 or above; no byte carries into the next.
   */
  private static long hex8(int value) {
    long v = value & 0xFFFF_FFFFL;
    v = (v | (v << 16)) & 0x0000_FFFF_0000_FFFFL;
    v = (v | (v << 8)) & 0x00FF_00FF_00FF_00FFL;
    v = (v | (v << 4)) & 0x0F0F_0F0F_0F0F_0F0FL;
    long letters = ((v + 0x0606_0606_0606_0606L) >>> 4) & 0x0101_0101_0101_0101L;
    return v + 0x3030_3030_3030_3030L + letters * ('a' - '0' - 10);
  }

  /**
   * Writes {@code s} as a JSON string, quoted and escaped as jackson-core's UTF-8 generator does.
   */
  private void string(String s) {
    room(2 + 6 * s.length()); // the longest form of a char is a six-byte escape
    buffer[length] = '"';
    length = encode(s, buffer, length + 1);
    buffer[length++] = '"';
  }

  /** {@code s} escaped as {@link #string} escapes it, without the quotes: a part of a string. */
  private byte[] escaped(String s) {
    byte[] out = new byte[6 * s.length()];
    return Arrays.copyOf(out, encode(s, out, 0));
  }

  /**
   * Writes {@code s} escaped at {@code at}, which has room for six bytes a char; returns the end.
   */
  private int encode(String s, byte[] out, int start) {
    int at = start;
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        byte escape = ESCAPES[c];
        if (escape == 0) {
          out[at++] = (byte) c;
        } else if (escape > 0) {
          out[at++] = '\\';
          out[at++] = escape;
        } else {
          at = unicodeEscape(out, at, c);
        }
      } else if (c < 0x800) {
        allAscii = false;
        out[at++] = (byte) (0xC0 | (c >> 6));
        out[at++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        at = unicodeEscape(out, at, c);
      } else {
        allAscii = false;
        out[at++] = (byte) (0xE0 | (c >> 12));
        out[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[at++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return at;
  }

  private static int unicodeEscape(byte[] out, int at, char c) {
    out[at] = '\\';
    out[at + 1] = 'u';
    out[at + 2] = HEX_UPPER[(c >> 12) & 0xF];
    out[at + 3] = HEX_UPPER[(c >> 8) & 0xF];
    out[at + 4] = HEX_UPPER[(c >> 4) & 0xF];
    out[at + 5] = HEX_UPPER[c & 0xF];
    return at + 6;
  }

  private void raw(byte[] bytes) {
    raw(bytes, 0, bytes.length);
  }

  private void raw(byte[] bytes, int from, int count) {
    room(count);
    System.arraycopy(bytes, from, buffer, length, count);
    length += count;
  }

  /** Makes room for {@code count} more bytes. */
  private void room(int count) {
    if (buffer.length - length < count) {
      buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, length + count));
    }
  }

  private static int[] filled(int length, int value) {
    int[] out = new int[length];
    Arrays.fill(out, value);
    return out;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] escapes() {
    byte[] escapes = new byte[0x80];
    Arrays.fill(escapes, 0, 0x20, (byte) -1);
    escapes['\b'] = 'b';
    escapes['\t'] = 't';
    escapes['\n'] = 'n';
    escapes['\f'] = 'f';
    escapes['\r'] = 'r';
    escapes['"'] = '"';
    escapes['\\'] = '\\';
    return escapes;
  }

  private static byte[][] statusThenSid() {
    ReservationStatus[] statuses = ReservationStatus.values();
    byte[][] parts = new byte[statuses.length][];
    for (ReservationStatus status : statuses) {
      parts[status.ordinal()] = ascii(status.wireName() + "\",\"sid\":\"");
    }
    return parts;
  }
}
