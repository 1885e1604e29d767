package dev.reservations.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.reservations.core.AccountSid;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import dev.reservations.text.Echo;
import java.io.IOException;
import java.nio.CharBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads one page or one reservation from a {@link JsonParser}, token by token; one instance per
 * call, never shared between threads.
 *
 * <p>Known fields are tracked in a bit set, so a repeated field is found without allocating; the
 * names of unknown fields go to a set allocated only when an object has some. Unknown values, and
 * the derived {@code url} and {@code links} of a reservation, are skipped unread, counting the
 * nesting depth. Sids, dates and statuses are parsed from the parser's own char buffer.
 */
final class WireReader {
  /** The deepest nesting accepted; the page itself uses 4 levels. */
  static final int MAX_DEPTH = 64;

  /** The longest string value accepted, in chars. */
  /** The longest string read, the longest worker name an engine takes. */
  static final int MAX_STRING = Reservation.MAX_WORKER_NAME_LENGTH;

  /** The most fields one object may hold. */
  static final int MAX_FIELDS = 1_000;

  private static final ReservationStatus[] STATUSES = ReservationStatus.values();

  private static final int ACCOUNT_SID = 1;
  private static final int DATE_CREATED = 1 << 1;
  private static final int DATE_UPDATED = 1 << 2;
  private static final int RESERVATION_STATUS = 1 << 3;
  private static final int SID = 1 << 4;
  private static final int TASK_SID = 1 << 5;
  private static final int WORKER_NAME = 1 << 6;
  private static final int WORKER_SID = 1 << 7;
  private static final int WORKSPACE_SID = 1 << 8;
  private static final int URL = 1 << 9;
  private static final int LINKS = 1 << 10;
  private static final String[] REQUIRED = {
    "account_sid",
    "date_created",
    "date_updated",
    "reservation_status",
    "sid",
    "task_sid",
    "worker_name",
    "worker_sid",
    "workspace_sid"
  };

  private static final int META = 1;
  private static final int RESERVATIONS = 1 << 1;

  private static final int FIRST_PAGE_URL = 1;
  private static final int KEY = 1 << 1;
  private static final int NEXT_PAGE_URL = 1 << 2;
  private static final int PAGE = 1 << 3;
  private static final int PAGE_SIZE = 1 << 4;
  private static final int PREVIOUS_PAGE_URL = 1 << 5;
  private static final int META_URL = 1 << 6;

  private final JsonParser in;
  private final String baseUrl;

  private @Nullable ReservationQuery query;
  private @Nullable ReservationQuery firstPage;
  private @Nullable ReservationQuery nextPage;
  private @Nullable ReservationQuery previousPage;
  private int metaSeen;
  private int page;
  private int pageSize;
  private @Nullable String key;

  WireReader(JsonParser in, String baseUrl) {
    this.in = in;
    this.baseUrl = baseUrl;
  }

  // ---- documents ----

  Page<Reservation> page() throws IOException {
    startDocument("page");
    List<Reservation> items = null;
    int seen = 0;
    Set<String> unknown = null;
    JsonToken token;
    while ((token = in.nextToken()) == JsonToken.FIELD_NAME) {
      String name = in.currentName();
      int bit = "meta".equals(name) ? META : "reservations".equals(name) ? RESERVATIONS : 0;
      if (bit != 0) {
        seen = known(seen, bit);
      } else {
        unknown = unknown(unknown, name, seen);
      }
      in.nextToken();
      if (bit == META) {
        meta();
      } else if (bit == RESERVATIONS) {
        items = reservations();
      } else {
        skip();
      }
    }
    endDocument();
    if ((seen & META) == 0) {
      throw missing("$.meta");
    }
    if (items == null) {
      throw missing("$.reservations");
    }
    return assemble(items);
  }

  Reservation reservation() throws IOException {
    startDocument("reservation");
    Reservation reservation = reservationObject();
    endDocument();
    return reservation;
  }

  private void startDocument(String what) throws IOException {
    JsonToken token = in.nextToken();
    if (token == null) {
      throw new IllegalArgumentException("$: input is not complete JSON: it ends before any value");
    }
    if (token != JsonToken.START_OBJECT) {
      throw invalid("a " + what + " must be a JSON object", describe(token));
    }
  }

  private void endDocument() throws IOException {
    JsonToken token = in.nextToken();
    if (token != null) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "$: input must hold one JSON value, but more follows it: %s",
              describe(token)));
    }
  }

  // ---- page ----

  private void meta() throws IOException {
    requireObject();
    int seen = 0;
    Set<String> unknown = null;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String name = in.currentName();
      int bit = metaBit(name);
      if (bit != 0) {
        seen = known(seen, bit);
      } else {
        unknown = unknown(unknown, name, seen);
      }
      in.nextToken();
      switch (bit) {
        case FIRST_PAGE_URL:
          firstPage = listUrl(requireString().toString());
          break;
        case KEY:
          key = requireString().toString();
          break;
        case NEXT_PAGE_URL:
          nextPage =
              in.currentToken() == JsonToken.VALUE_NULL
                  ? null
                  : listUrl(requireString().toString());
          break;
        case PAGE:
          page = requireInt();
          break;
        case PAGE_SIZE:
          pageSize = requireInt();
          break;
        case PREVIOUS_PAGE_URL:
          previousPage =
              in.currentToken() == JsonToken.VALUE_NULL
                  ? null
                  : listUrl(requireString().toString());
          break;
        case META_URL:
          query = listUrl(requireString().toString());
          break;
        default:
          skip();
      }
    }
    if ((seen & META_URL) == 0) {
      throw missing("$.meta.url");
    }
    metaSeen = seen;
  }

  private static int metaBit(String name) {
    switch (name) {
      case "first_page_url":
        return FIRST_PAGE_URL;
      case "key":
        return KEY;
      case "next_page_url":
        return NEXT_PAGE_URL;
      case "page":
        return PAGE;
      case "page_size":
        return PAGE_SIZE;
      case "previous_page_url":
        return PREVIOUS_PAGE_URL;
      case "url":
        return META_URL;
      default:
        return 0;
    }
  }

  /** A list URL: this adapter's base URL is cut off first, so a base with a path reads back. */
  private ReservationQuery listUrl(String url) {
    String relative =
        url.startsWith(baseUrl)
                && url.length() > baseUrl.length()
                && url.charAt(baseUrl.length()) == '/'
            ? url.substring(baseUrl.length())
            : url;
    try {
      return ReservationQuery.parse(relative);
    } catch (IllegalArgumentException e) {
      throw pathed(here(), e);
    }
  }

  private List<Reservation> reservations() throws IOException {
    if (in.currentToken() != JsonToken.START_ARRAY) {
      throw invalid("value must be an array", describe(in.currentToken()));
    }
    List<Reservation> items = new ArrayList<>();
    JsonToken token;
    while ((token = in.nextToken()) != JsonToken.END_ARRAY) {
      if (items.size() == ReservationQuery.MAX_PAGE_SIZE) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "%s: a page holds at most %d reservations",
                here(),
                ReservationQuery.MAX_PAGE_SIZE));
      }
      if (token != JsonToken.START_OBJECT) {
        throw invalid("a reservation must be a JSON object", describe(token));
      }
      items.add(reservationObject());
    }
    return items;
  }

  private Page<Reservation> assemble(List<Reservation> items) {
    ReservationQuery query = this.query;
    if (query == null) {
      throw missing("$.meta.url");
    }
    if (key != null && !Page.KEY.equals(key)) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "$.meta.key: key must be %s: %s", Page.KEY, Echo.of(key)));
    }
    if ((metaSeen & PAGE) != 0 && page != query.page()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "$.meta.page: page must equal the Page of meta.url, %d: %d",
              query.page(),
              page));
    }
    if ((metaSeen & PAGE_SIZE) != 0 && pageSize != query.pageSize()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "$.meta.page_size: page size must equal the PageSize of meta.url, %d: %d",
              query.pageSize(),
              pageSize));
    }
    if (firstPage != null && !firstPage.equals(query.withPage(0).withoutPageToken())) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "$.meta.first_page_url: first page must be meta.url at page 0 without a token, %s:"
                  + " %s",
              query.withPage(0).withoutPageToken(),
              firstPage));
    }
    if (items.size() > query.pageSize()) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "$.reservations: a page must hold at most its page size of %d reservations: %d",
              query.pageSize(),
              items.size()));
    }
    for (int i = 0; i < items.size(); i++) {
      checkMember(query, items.get(i), i);
    }
    try {
      return Page.of(query, items, nextPage, previousPage);
    } catch (IllegalArgumentException e) {
      throw linkError(query, e);
    }
  }

  private IllegalArgumentException linkError(ReservationQuery query, IllegalArgumentException e) {
    try {
      Page.of(query, List.of(), nextPage, null);
    } catch (IllegalArgumentException next) {
      return pathed("$.meta.next_page_url", next);
    }
    return pathed("$.meta.previous_page_url", e);
  }

  /** A page's reservation must belong to its list: workspace, task or worker, filters. */
  private static void checkMember(ReservationQuery query, Reservation r, int index) {
    if (query.matches(r)) {
      return;
    }
    if (!r.workspaceSid().equals(query.workspaceSid())) {
      throw notMember(index, "workspace_sid", "workspace", query.workspaceSid(), r.workspaceSid());
    }
    if (query.isTaskList() && !query.taskSid().orElseThrow().equals(r.taskSid())) {
      throw notMember(index, "task_sid", "task", query.taskSid().orElseThrow(), r.taskSid());
    }
    if (query.workerSid().isPresent() && !query.workerSid().get().equals(r.workerSid())) {
      throw notMember(index, "worker_sid", "worker", query.workerSid().get(), r.workerSid());
    }
    if (query.status().isPresent() && query.status().get() != r.status()) {
      throw notMember(
          index,
          "reservation_status",
          "status",
          query.status().get().wireName(),
          r.status().wireName());
    }
  }

  private static IllegalArgumentException notMember(
      int index, String field, String what, Object expected, Object actual) {
    return new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "$.reservations[%d].%s: a reservation of this page must have the %s of meta.url, %s:"
                + " %s",
            index,
            field,
            what,
            expected,
            actual));
  }

  // ---- reservation ----

  /** A required field, which the check of {@code seen} proved was read. */
  private static <T> T read(@Nullable T field) {
    return Objects.requireNonNull(field, "a required field was seen but not read");
  }

  private Reservation reservationObject() throws IOException {
    AccountSid accountSid = null;
    Instant dateCreated = null;
    Instant dateUpdated = null;
    ReservationStatus status = null;
    ReservationSid sid = null;
    TaskSid taskSid = null;
    String workerName = null;
    WorkerSid workerSid = null;
    WorkspaceSid workspaceSid = null;
    int seen = 0;
    Set<String> unknown = null;
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String name = in.currentName();
      int bit = reservationBit(name);
      if (bit != 0) {
        seen = known(seen, bit);
      } else {
        unknown = unknown(unknown, name, seen);
      }
      in.nextToken();
      if (bit == 0 || bit == URL || bit == LINKS) {
        skip();
        continue;
      }
      CharSequence text = requireString();
      try {
        switch (bit) {
          case ACCOUNT_SID:
            accountSid = AccountSid.parse(text);
            break;
          case DATE_CREATED:
            dateCreated = WireDates.parse(text);
            break;
          case DATE_UPDATED:
            dateUpdated = WireDates.parse(text);
            break;
          case RESERVATION_STATUS:
            status = status(text);
            break;
          case SID:
            sid = ReservationSid.parse(text);
            break;
          case TASK_SID:
            taskSid = TaskSid.parse(text);
            break;
          case WORKER_NAME:
            workerName = text.toString();
            break;
          case WORKER_SID:
            workerSid = WorkerSid.parse(text);
            break;
          default:
            workspaceSid = WorkspaceSid.parse(text);
            break;
        }
      } catch (IllegalArgumentException e) {
        throw pathed(here(), e);
      }
    }
    // At END_OBJECT the context is the object's parent: the array slot, or the root.
    int all = (1 << REQUIRED.length) - 1;
    if ((seen & all) != all) {
      for (int i = 0; i < REQUIRED.length; i++) {
        if ((seen & (1 << i)) == 0) {
          throw missing(here() + "." + REQUIRED[i]);
        }
      }
    }
    try {
      return new Reservation(
          read(sid),
          read(accountSid),
          read(workspaceSid),
          read(taskSid),
          read(workerSid),
          read(workerName),
          read(status),
          read(dateCreated),
          read(dateUpdated),
          0);
    } catch (IllegalArgumentException e) {
      throw pathed(here() + ".date_updated", e);
    }
  }

  private static int reservationBit(String name) {
    switch (name) {
      case "account_sid":
        return ACCOUNT_SID;
      case "date_created":
        return DATE_CREATED;
      case "date_updated":
        return DATE_UPDATED;
      case "reservation_status":
        return RESERVATION_STATUS;
      case "sid":
        return SID;
      case "task_sid":
        return TASK_SID;
      case "worker_name":
        return WORKER_NAME;
      case "worker_sid":
        return WORKER_SID;
      case "workspace_sid":
        return WORKSPACE_SID;
      case "url":
        return URL;
      case "links":
        return LINKS;
      default:
        return 0;
    }
  }

  private static ReservationStatus status(CharSequence text) {
    int length = text.length();
    for (ReservationStatus status : STATUSES) {
      String name = status.wireName();
      if (name.length() == length && name.contentEquals(text)) {
        return status;
      }
    }
    return ReservationStatus.fromWireName(text.toString());
  }

  // ---- tokens ----

  /**
   * The current string value, as a view of the parser's buffer that is valid until the next token.
   */
  private CharSequence requireString() throws IOException {
    JsonToken token = in.currentToken();
    if (token != JsonToken.VALUE_STRING) {
      throw invalid("value must be a string", describe(token));
    }
    int length = in.getTextLength();
    if (length > MAX_STRING) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s: a string must be at most %d chars: %d chars",
              here(),
              MAX_STRING,
              length));
    }
    return CharBuffer.wrap(in.getTextCharacters(), in.getTextOffset(), length);
  }

  private int requireInt() throws IOException {
    JsonToken token = in.currentToken();
    if (token != JsonToken.VALUE_NUMBER_INT || in.getNumberType() != JsonParser.NumberType.INT) {
      throw invalid("value must be a 32-bit integer", describe(token));
    }
    return in.getIntValue();
  }

  private void requireObject() throws IOException {
    if (in.currentToken() != JsonToken.START_OBJECT) {
      throw invalid("value must be an object", describe(in.currentToken()));
    }
  }

  /** Skips the current value and everything inside it, enforcing {@link #MAX_DEPTH}. */
  private void skip() throws IOException {
    JsonToken token = in.currentToken();
    if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
      return;
    }
    checkDepth();
    int open = 1;
    while (open > 0) {
      token = in.nextToken();
      if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        checkDepth();
        open++;
      } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
        open--;
      }
    }
  }

  private void checkDepth() {
    if (in.getParsingContext().getNestingDepth() > MAX_DEPTH) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "%s: input must be nested at most %d levels deep", here(), MAX_DEPTH));
    }
  }

  private int known(int seen, int bit) {
    if ((seen & bit) != 0) {
      throw duplicate();
    }
    return seen | bit;
  }

  private Set<String> unknown(@Nullable Set<String> names, String name, int seen) {
    Set<String> set = names != null ? names : new HashSet<>();
    if (!set.add(name)) {
      throw duplicate();
    }
    if (set.size() + Integer.bitCount(seen) > MAX_FIELDS) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "%s: an object must hold at most %d fields", here(), MAX_FIELDS));
    }
    return set;
  }

  private IllegalArgumentException duplicate() {
    String name = in.getParsingContext().getCurrentName();
    return new IllegalArgumentException(
        String.format(
            Locale.ROOT, "%s: an object must not repeat a field name: %s", here(), Echo.of(name)));
  }

  /** The value at {@code path} broke the rule that {@code cause} states. */
  private static IllegalArgumentException pathed(String path, IllegalArgumentException cause) {
    return new IllegalArgumentException(
        String.format(Locale.ROOT, "%s: %s", path, cause.getMessage()), cause);
  }

  private static IllegalArgumentException missing(String path) {
    return new IllegalArgumentException(
        String.format(Locale.ROOT, "%s: required field is missing", path));
  }

  private IllegalArgumentException invalid(String rule, String value) {
    return new IllegalArgumentException(
        String.format(Locale.ROOT, "%s: %s: %s", here(), rule, value));
  }

  private String describe(@Nullable JsonToken token) throws IOException {
    if (token == null) {
      return "end of input";
    }
    switch (token) {
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "\""
            + Echo.of(
                CharBuffer.wrap(in.getTextCharacters(), in.getTextOffset(), in.getTextLength()))
            + "\"";
      default:
        return Echo.of(in.getText());
    }
  }

  /** The JSON path of the current token. */
  String here() {
    return WireText.path(in.getParsingContext());
  }
}
