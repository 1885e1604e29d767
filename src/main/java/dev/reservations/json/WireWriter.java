package dev.reservations.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.Sid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Writes one page or one reservation to a {@link JsonGenerator}; one instance per call, never
 * shared between threads.
 *
 * <p>Layout: {@code url} holds {@code {base}/v1/Workspaces/{ws}} once, and each row's resource
 * links are written into the tail after it, and its own {@code url} after the path of its list
 * ({@link ReservationQuery#path()}, rebuilt only when a row's list differs from the previous
 * row's), so a row costs no allocation: sids and dates go through char buffers, field names and
 * status names are pre-encoded {@link SerializedString}s. The workspace prefix is rebuilt only when
 * a row's workspace differs from the previous row's, which never happens on an engine's page. A sid
 * field or link whose sid is the same as the previous row's is kept encoded ({@link Repeat}): on an
 * engine's page the account, the workspace and the list's own task or worker are encoded once a
 * page, at the cost of one string each.
 */
final class WireWriter {
  private static final SerializableString META = new SerializedString("meta");
  private static final SerializableString RESERVATIONS = new SerializedString("reservations");
  private static final SerializableString FIRST_PAGE_URL = new SerializedString("first_page_url");
  private static final SerializableString KEY = new SerializedString("key");
  private static final SerializableString NEXT_PAGE_URL = new SerializedString("next_page_url");
  private static final SerializableString PAGE = new SerializedString("page");
  private static final SerializableString PAGE_SIZE = new SerializedString("page_size");
  private static final SerializableString PREVIOUS_PAGE_URL =
      new SerializedString("previous_page_url");
  private static final SerializableString URL = new SerializedString("url");
  private static final SerializableString ACCOUNT_SID = new SerializedString("account_sid");
  private static final SerializableString DATE_CREATED = new SerializedString("date_created");
  private static final SerializableString DATE_UPDATED = new SerializedString("date_updated");
  private static final SerializableString LINKS = new SerializedString("links");
  private static final SerializableString RESERVATION_STATUS =
      new SerializedString("reservation_status");
  private static final SerializableString SID = new SerializedString("sid");
  private static final SerializableString TASK_SID = new SerializedString("task_sid");
  private static final SerializableString WORKER_NAME = new SerializedString("worker_name");
  private static final SerializableString WORKER_SID = new SerializedString("worker_sid");
  private static final SerializableString WORKSPACE_SID = new SerializedString("workspace_sid");
  private static final SerializableString TASK = new SerializedString("task");
  private static final SerializableString WORKER = new SerializedString("worker");
  private static final SerializableString WORKSPACE = new SerializedString("workspace");
  private static final SerializableString[] STATUS_NAMES = statusNames();

  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final char[] V1_WORKSPACES = "/v1/Workspaces/".toCharArray();
  private static final char[] TASKS = "/Tasks/".toCharArray();
  private static final char[] WORKERS = "/Workers/".toCharArray();
  private static final int SID_LENGTH = 34;

  private final JsonGenerator out;
  private final String baseUrl;

  /** {@code {base}/v1/Workspaces/{ws}}, then the tail of the URL being written. */
  private final char[] url;

  /** Where the workspace sid starts and ends in {@link #url}. */
  private final int workspaceAt;

  private final int prefixEnd;
  private final char[] scratch = new char[SID_LENGTH];

  /** {@code {base}{list path}/}, then room for the sid of the row being written. */
  private char[] listUrl = new char[0];

  private final Repeat accountText = new Repeat();
  private final Repeat taskText = new Repeat();
  private final Repeat taskLink = new Repeat();
  private final Repeat workerText = new Repeat();
  private final Repeat workerLink = new Repeat();
  private final Repeat workspaceText = new Repeat();
  private final Repeat workspaceLink = new Repeat();

  private @Nullable Sid listKey;
  private @Nullable WorkspaceSid listWorkspace;
  private boolean hasWorkspace;
  private long workspaceHigh;
  private long workspaceLow;

  WireWriter(JsonGenerator out, String baseUrl, char[] baseChars) {
    this.out = out;
    this.baseUrl = baseUrl;
    this.url =
        new char
            [baseChars.length + V1_WORKSPACES.length + SID_LENGTH + WORKERS.length + SID_LENGTH];
    System.arraycopy(baseChars, 0, url, 0, baseChars.length);
    System.arraycopy(V1_WORKSPACES, 0, url, baseChars.length, V1_WORKSPACES.length);
    this.workspaceAt = baseChars.length + V1_WORKSPACES.length;
    this.prefixEnd = workspaceAt + SID_LENGTH;
  }

  private static SerializableString[] statusNames() {
    ReservationStatus[] statuses = ReservationStatus.values();
    SerializableString[] names = new SerializableString[statuses.length];
    for (ReservationStatus status : statuses) {
      names[status.ordinal()] = new SerializedString(status.wireName());
    }
    return names;
  }

  void page(Page<Reservation> page) throws IOException {
    ReservationQuery query = page.query();
    out.writeStartObject();
    out.writeFieldName(META);
    out.writeStartObject();
    out.writeFieldName(FIRST_PAGE_URL);
    out.writeString(baseUrl + page.firstPage().toUri());
    out.writeFieldName(KEY);
    out.writeString(page.key());
    out.writeFieldName(NEXT_PAGE_URL);
    link(page.nextPage());
    out.writeFieldName(PAGE);
    out.writeNumber(page.pageIndex());
    out.writeFieldName(PAGE_SIZE);
    out.writeNumber(page.pageSize());
    out.writeFieldName(PREVIOUS_PAGE_URL);
    link(page.previousPage());
    out.writeFieldName(URL);
    out.writeString(baseUrl + query.toUri());
    out.writeEndObject();
    out.writeFieldName(RESERVATIONS);
    out.writeStartArray();
    boolean taskPath = query.isTaskList();
    List<Reservation> items = page.items();
    for (int i = 0, n = items.size(); i < n; i++) {
      reservation(items.get(i), taskPath);
    }
    out.writeEndArray();
    out.writeEndObject();
  }

  private void link(Optional<ReservationQuery> link) throws IOException {
    if (link.isPresent()) {
      out.writeString(baseUrl + link.get().toUri());
    } else {
      out.writeNull();
    }
  }

  /** Writes one reservation object, its {@code url} on the task path or the worker path. */
  void reservation(Reservation r, boolean taskPath) throws IOException {
    workspace(r.workspaceSid());
    out.writeStartObject();
    sidField(ACCOUNT_SID, r.accountSid(), accountText);
    dateField(DATE_CREATED, r.dateCreated());
    dateField(DATE_UPDATED, r.dateUpdated());
    out.writeFieldName(LINKS);
    out.writeStartObject();
    out.writeFieldName(TASK);
    if (!taskLink.writeKnown(r.taskSid())) {
      taskLink.write(r.taskSid(), url, 0, sid(url, copy(TASKS, url, prefixEnd), r.taskSid()));
    }
    out.writeFieldName(WORKER);
    if (!workerLink.writeKnown(r.workerSid())) {
      workerLink.write(
          r.workerSid(), url, 0, sid(url, copy(WORKERS, url, prefixEnd), r.workerSid()));
    }
    out.writeFieldName(WORKSPACE);
    if (!workspaceLink.writeKnown(r.workspaceSid())) {
      workspaceLink.write(r.workspaceSid(), url, 0, prefixEnd);
    }
    out.writeEndObject();
    out.writeFieldName(RESERVATION_STATUS);
    out.writeString(STATUS_NAMES[r.status().ordinal()]);
    out.writeFieldName(SID);
    out.writeString(scratch, 0, sid(scratch, 0, r.sid()));
    sidField(TASK_SID, r.taskSid(), taskText);
    out.writeFieldName(URL);
    listOf(r, taskPath);
    out.writeString(listUrl, 0, sid(listUrl, listUrl.length - SID_LENGTH, r.sid()));
    out.writeFieldName(WORKER_NAME);
    out.writeString(r.workerName());
    sidField(WORKER_SID, r.workerSid(), workerText);
    out.writeFieldName(WORKSPACE_SID);
    if (!workspaceText.writeKnown(r.workspaceSid())) {
      workspaceText.write(r.workspaceSid(), url, workspaceAt, workspaceAt + SID_LENGTH);
    }
    out.writeEndObject();
  }

  /**
   * Makes {@link #listUrl} the URL of the list the row's {@code url} lies under, its task's or its
   * worker's, from {@link ReservationQuery#path()}, the one place that spells TaskRouter's list
   * URLs; rebuilt only when the row's list differs from the previous row's, which never happens on
   * an engine's page.
   */
  private void listOf(Reservation r, boolean taskPath) {
    Sid key = taskPath ? r.taskSid() : r.workerSid();
    WorkspaceSid workspace = r.workspaceSid();
    if (listUrl.length > 0 && key.equals(listKey) && workspace.equals(listWorkspace)) {
      return;
    }
    ReservationQuery list =
        taskPath
            ? ReservationQuery.forTask(workspace, r.taskSid())
            : ReservationQuery.forWorker(workspace, r.workerSid());
    String prefix = baseUrl + list.path() + "/";
    listUrl = new char[prefix.length() + SID_LENGTH];
    prefix.getChars(0, prefix.length(), listUrl, 0);
    listKey = key;
    listWorkspace = workspace;
  }

  private void workspace(WorkspaceSid workspace) {
    if (!hasWorkspace || workspace.high() != workspaceHigh || workspace.low() != workspaceLow) {
      sid(url, workspaceAt, workspace);
      workspaceHigh = workspace.high();
      workspaceLow = workspace.low();
      hasWorkspace = true;
      // the links embed the workspace
      taskLink.forget();
      workerLink.forget();
      workspaceLink.forget();
    }
  }

  private void sidField(SerializableString name, Sid sid, Repeat text) throws IOException {
    out.writeFieldName(name);
    if (!text.writeKnown(sid)) {
      text.write(sid, scratch, 0, sid(scratch, 0, sid));
    }
  }

  private void dateField(SerializableString name, Instant instant) throws IOException {
    out.writeFieldName(name);
    int length = WireDates.format(instant, scratch);
    if (length < 0) {
      out.writeString(WireDates.formatSlow(instant));
    } else {
      out.writeString(scratch, 0, length);
    }
  }

  /**
   * One field's text, kept encoded once the same key (the sid it is made of) comes twice in a row,
   * so that what every row of a page shares (the account, the workspace, the list's own task or
   * worker) is copied as bytes instead of being written char by char; a text that changes from row
   * to row costs what it did without this. Sids and their links are plain ASCII, which no generator
   * setting escapes.
   */
  private final class Repeat {
    private @Nullable Sid last;
    private @Nullable SerializableString text;

    /** Writes the kept text if {@code key} is the last one and its text is kept; says if it did. */
    boolean writeKnown(Sid key) throws IOException {
      if (text == null || !key.equals(last)) {
        return false;
      }
      out.writeString(text);
      return true;
    }

    /** Writes {@code buffer[from, to)}, the text of {@code key}; keeps it if key came last too. */
    void write(Sid key, char[] buffer, int from, int to) throws IOException {
      if (key.equals(last)) {
        text = new SerializedString(new String(buffer, from, to - from));
        out.writeString(text);
      } else {
        last = key;
        text = null;
        out.writeString(buffer, from, to - from);
      }
    }

    void forget() {
      last = null;
      text = null;
    }
  }

  private static int copy(char[] from, char[] to, int at) {
    System.arraycopy(from, 0, to, at, from.length);
    return at + from.length;
  }

  /** Writes the canonical form of {@code sid} at {@code at}; returns the end. */
  private static int sid(char[] buffer, int at, Sid sid) {
    String prefix = sid.prefix();
    buffer[at] = prefix.charAt(0);
    buffer[at + 1] = prefix.charAt(1);
    long high = sid.high();
    long low = sid.low();
    for (int i = 0; i < 16; i++) {
      buffer[at + 2 + i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xF];
      buffer[at + 18 + i] = HEX[(int) (low >>> (60 - 4 * i)) & 0xF];
    }
    return at + SID_LENGTH;
  }
}
