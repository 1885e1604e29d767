package dev.reservations.http;

import dev.reservations.core.IllegalTransitionException;
import dev.reservations.core.InvalidPageTokenException;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationNotFoundException;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.VersionMismatchException;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.json.TaskRouterJson;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import dev.reservations.text.Echo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * TaskRouter's Reservation endpoints over an engine: one HTTP request in, one response out, no
 * transport. {@link TaskRouterServer} serves it over loopback and {@code
 * dev.reservations.twilio.EngineHttpClient} in process; mount it on any other HTTP stack (a
 * servlet, a Spring MockMvc, an OkHttp MockWebServer dispatcher) by turning its request into a
 * {@link Request} and writing the {@link Response} back.
 *
 * <pre>{@code
 * TaskRouterApi api = TaskRouterApi.create(engine);
 * TaskRouterApi.Response r = api.handle(TaskRouterApi.Request.get(
 *     "/v1/Workspaces/" + ws + "/Tasks/" + task + "/Reservations?PageSize=20"));
 * r.status();     // 200
 * r.bodyText();   // {"meta":{...},"reservations":[...]}
 * }</pre>
 *
 * <p>The contract is written out in full on {@link #handle(Request)}.
 *
 * <p><b>Thread safety.</b> Immutable and thread-safe: one instance serves any number of threads;
 * each request is one or two atomic engine calls.
 */
public final class TaskRouterApi {
  /** The longest request target (path and query) served, in chars; longer is 414. */
  public static final int MAX_TARGET_LENGTH = 8_192;

  /** The most header fields served; more is 431. */
  public static final int MAX_HEADERS = 100;

  /** The largest total of header names and values served, in chars; larger is 431. */
  public static final int MAX_HEADER_CHARS = 16_384;

  /** The largest request body served, in bytes; larger is 413. */
  public static final int MAX_BODY_BYTES = 65_536;

  private static final List<String> TASK_LIST_PARAMETERS =
      List.of("ReservationStatus", "WorkerSid", "PageSize", "Page", "PageToken");
  private static final List<String> WORKER_LIST_PARAMETERS =
      List.of("ReservationStatus", "PageSize", "Page", "PageToken");

  /** The spec's update form, both paths, in its order: the part before the supervisor's. */
  private static final List<String> UPDATE_PARAMETERS =
      List.of(
          "ReservationStatus",
          "WorkerActivitySid",
          "Instruction",
          "DequeuePostWorkActivitySid",
          "DequeueFrom",
          "DequeueRecord",
          "DequeueTimeout",
          "DequeueTo",
          "DequeueStatusCallbackUrl",
          "CallFrom",
          "CallRecord",
          "CallTimeout",
          "CallTo",
          "CallUrl",
          "CallStatusCallbackUrl",
          "CallAccept",
          "RedirectCallSid",
          "RedirectAccept",
          "RedirectUrl",
          "To",
          "From",
          "StatusCallback",
          "StatusCallbackMethod",
          "StatusCallbackEvent",
          "Timeout",
          "Record",
          "Muted",
          "Beep",
          "StartConferenceOnEnter",
          "EndConferenceOnExit",
          "WaitUrl",
          "WaitMethod",
          "EarlyMedia",
          "MaxParticipants",
          "ConferenceStatusCallback",
          "ConferenceStatusCallbackMethod",
          "ConferenceStatusCallbackEvent",
          "ConferenceRecord",
          "ConferenceTrim",
          "RecordingChannels",
          "RecordingStatusCallback",
          "RecordingStatusCallbackMethod",
          "ConferenceRecordingStatusCallback",
          "ConferenceRecordingStatusCallbackMethod",
          "Region",
          "SipAuthUsername",
          "SipAuthPassword",
          "DequeueStatusCallbackEvent",
          "PostWorkActivitySid");

  /** The end of both paths' update forms. */
  private static final List<String> UPDATE_TAIL =
      List.of("EndConferenceOnCustomerExit", "BeepOnCustomerEntrance", "JitterBufferSize");

  private static final List<String> WORKER_UPDATE_PARAMETERS =
      concat(UPDATE_PARAMETERS, UPDATE_TAIL);

  /** The task path's has the supervisor's two as well. */
  private static final List<String> TASK_UPDATE_PARAMETERS =
      concat(UPDATE_PARAMETERS, List.of("SupervisorMode", "Supervisor"), UPDATE_TAIL);

  private static final List<String> ACTIVITY_SID_PARAMETERS =
      List.of("WorkerActivitySid", "DequeuePostWorkActivitySid", "PostWorkActivitySid");
  private static final List<String> INTEGER_PARAMETERS =
      List.of("DequeueTimeout", "CallTimeout", "Timeout", "MaxParticipants");
  private static final List<String> BOOLEAN_PARAMETERS =
      List.of(
          "CallAccept",
          "RedirectAccept",
          "Record",
          "Muted",
          "StartConferenceOnEnter",
          "EndConferenceOnExit",
          "EarlyMedia",
          "EndConferenceOnCustomerExit",
          "BeepOnCustomerEntrance");

  private final ReservationEngine engine;
  private final TaskRouterJson json;
  private final @Nullable ManualClock clock;
  private final @Nullable EventLog eventLog;
  private final @Nullable String authToken;
  private final AdminEndpoints admin;

  private TaskRouterApi(Builder builder) {
    this.engine = builder.engine;
    this.json =
        builder.baseUrl == null ? TaskRouterJson.create() : TaskRouterJson.create(builder.baseUrl);
    this.clock = builder.clock;
    this.eventLog = builder.eventLog;
    this.authToken = builder.authToken;
    this.admin = new AdminEndpoints(engine, json, clock, eventLog);
  }

  /**
   * An API on {@code engine} whose URLs start with {@code https://taskrouter.twilio.com}, with no
   * credentials checked, no manual clock and no event log.
   *
   * @param engine the engine the API reads and changes
   * @return a new API, thread-safe as the engine is
   * @throws NullPointerException if {@code engine} is null
   */
  public static TaskRouterApi create(ReservationEngine engine) {
    return builder(engine).build();
  }

  /**
   * A builder of an API on {@code engine}.
   *
   * @param engine the engine the API reads and changes
   * @return a new builder with nothing set
   * @throws NullPointerException if {@code engine} is null
   */
  public static Builder builder(ReservationEngine engine) {
    return new Builder(engine);
  }

  /** {@return the engine this API serves} */
  public ReservationEngine engine() {
    return engine;
  }

  /** {@return the base URL of every URL in the bodies, without a trailing {@code /}} */
  public String baseUrl() {
    return json.baseUrl();
  }

  /**
   * Answers one request. Never throws for any request but null, and every answer, refusals
   * included, has a JSON body and {@code Content-Type: application/json}.
   *
   * <p><b>Endpoints</b> (those of TaskRouter's OpenAPI spec, {@code Reservation} resources):
   *
   * <ul>
   *   <li>{@code GET /v1/Workspaces/{WS}/Tasks/{WT}/Reservations} and {@code GET
   *       /v1/Workspaces/{WS}/Workers/{WK}/Reservations}: a list page, written by {@link
   *       TaskRouterJson} with this API's base URL, so {@code meta.url}, {@code first_page_url} and
   *       {@code next_page_url}/{@code previous_page_url} are absolute and carry the filters and
   *       {@code PageSize}. Query parameters {@code ReservationStatus} (a wire name, exactly),
   *       {@code WorkerSid} (task lists only), {@code PageSize} (1..1000, default 50), {@code Page}
   *       (0 or more, echoed) and {@code PageToken}, in any order; a repeated one takes its last
   *       value; {@code %XX} (UTF-8) and {@code +} are decoded. Another parameter is a 400. A task
   *       or worker the engine has never seen is an empty page.
   *   <li>{@code GET …/Reservations/{WR}} on either path: the reservation, with {@code ETag: "N"}
   *       where N is its version. A reservation of another task, worker or workspace than the
   *       path's is a 404.
   *   <li>{@code POST …/Reservations/{WR}} on either path: an update, as a form ({@code
   *       application/x-www-form-urlencoded}, with or without a UTF-8 or US-ASCII {@code charset};
   *       no {@code Content-Type} only for an empty body). Every parameter of the spec's update
   *       form is accepted, repeated keys too (the last value counts); any other is a 400.
   *       <ul>
   *         <li>{@code ReservationStatus}: moves the reservation ({@code accepted}, {@code
   *             rejected}, {@code wrapping} and {@code completed} are client-settable; another wire
   *             name, or a move the state machine forbids, is a 409).
   *         <li>{@code Instruction}: {@code dequeue} and {@code conference} accept a pending
   *             reservation; {@code call} accepts it when {@code CallAccept=true} and {@code
   *             redirect} when {@code RedirectAccept=true}, and otherwise leave it pending and
   *             unchanged (there is no call to place). On a reservation that is not pending, an
   *             instruction is a 409. {@code supervise} and any other value are a 400, and so is an
   *             {@code Instruction} together with a {@code ReservationStatus}. The instruction's
   *             options are checked where the spec gives a pattern (sids) or a type (booleans,
   *             integers), and otherwise ignored.
   *         <li>{@code WorkerActivitySid} (and {@code PostWorkActivitySid}, {@code
   *             DequeuePostWorkActivitySid}): checked against {@code ^WA[0-9a-fA-F]{32}$}, then
   *             ignored: the engine has no workers' activities.
   *         <li>Neither a status nor an instruction: nothing changes, and the reservation is
   *             returned (after the {@code If-Match} check).
   *         <li>{@code If-Match}: {@code N}, {@code "N"} or {@code W/"N"} (N a version, 0 or more;
   *             the weak form is read as N) make the update conditional: a reservation at another
   *             version is a 412 and does not change. {@code *} matches any version. Anything else
   *             is a 400. The last {@code If-Match} header counts.
   *       </ul>
   *       The answer is the reservation as it now is, with {@code ETag: "N"}.
   *   <li>{@code /__admin/…}: the control endpoints, described on {@link TaskRouterServer}.
   * </ul>
   *
   * <p><b>Errors.</b> The body is TaskRouter's: {@code {"code": …, "message": …, "more_info":
   * "https://www.twilio.com/docs/errors/CODE", "status": …}}, {@code status} equal to the HTTP
   * status. 404/20404: no such path, a malformed or wrong-kind sid in the path, an unknown
   * reservation, or one under another task, worker or workspace. 400/20007: a page size over 1000.
   * 400/21481: a page token this engine did not issue for this list. 412/20412: a stale {@code
   * If-Match}. 409/20409: a move the state machine forbids, a conflict of the task rules (admin),
   * or an admin endpoint that needs what the API was not given. 405/20004: a method the path does
   * not serve (with {@code Allow}). 401/20003: wrong or missing credentials when an auth token is
   * set (with {@code WWW-Authenticate}). 414, 431 and 413 (20001): a target, headers or body past
   * {@link #MAX_TARGET_LENGTH}, {@link #MAX_HEADERS}/{@link #MAX_HEADER_CHARS} or {@link
   * #MAX_BODY_BYTES}. 415/20001: a body that is not a form. 400/20001: any other bad parameter. A
   * refused request changes nothing in the engine (but the timeouts due, which every engine call
   * applies first). A 500/20500 means the engine or one of its listeners threw, never the client's
   * mistake; the change, if any, stays.
   *
   * <p><b>Cost.</b> One engine call (two for an update or fetch on a path, which first checks the
   * reservation's owner), plus the JSON of the answer: O(log n + page size) for a list.
   *
   * @param request the request, checked against the limits and the credentials first
   * @return the answer, a refusal included: never null
   * @throws NullPointerException if {@code request} is null
   */
  public Response handle(Request request) {
    Objects.requireNonNull(request, "request");
    try {
      checkLimits(request);
      checkAuth(request);
      return route(request);
    } catch (ApiError e) {
      return e.toResponse();
    } catch (RuntimeException e) {
      return ApiError.response(
          500,
          ApiError.INTERNAL,
          "the engine failed on this request: " + Echo.of(String.valueOf(e)),
          Map.of());
    }
  }

  private static void checkLimits(Request request) {
    if (request.target().length() > MAX_TARGET_LENGTH) {
      throw new ApiError(
          414,
          ApiError.BAD_REQUEST,
          String.format(
              Locale.ROOT,
              "request target must be at most %d chars: %d",
              MAX_TARGET_LENGTH,
              request.target().length()));
    }
    int fields = 0;
    long chars = 0;
    for (Map.Entry<String, List<String>> e : request.headers().entrySet()) {
      for (String value : e.getValue()) {
        fields++;
        chars += e.getKey().length() + value.length();
      }
    }
    if (fields > MAX_HEADERS || chars > MAX_HEADER_CHARS) {
      throw new ApiError(
          431,
          ApiError.BAD_REQUEST,
          String.format(
              Locale.ROOT,
              "request headers must be at most %d fields and %d chars: %d fields, %d chars",
              MAX_HEADERS,
              MAX_HEADER_CHARS,
              fields,
              chars));
    }
    if (request.bodyLength() > MAX_BODY_BYTES) {
      throw new ApiError(
          413,
          ApiError.BAD_REQUEST,
          String.format(
              Locale.ROOT,
              "request body must be at most %d bytes: %d",
              MAX_BODY_BYTES,
              request.bodyLength()));
    }
  }

  @SafeVarargs
  private static List<String> concat(List<String>... parts) {
    List<String> out = new ArrayList<>();
    for (List<String> part : parts) {
      out.addAll(part);
    }
    return List.copyOf(out);
  }

  /** The 413 for a body declared or found over {@link #MAX_BODY_BYTES}. */
  static Response tooLarge(String length) {
    return new ApiError(
            413,
            ApiError.BAD_REQUEST,
            String.format(
                Locale.ROOT,
                "request body must be at most %d bytes: %s",
                MAX_BODY_BYTES,
                Echo.of(length)))
        .toResponse();
  }

  private void checkAuth(Request request) {
    if (authToken == null) {
      return;
    }
    String header = request.header("Authorization").orElse("");
    if (header.length() > 6 && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        byte[] decoded = Base64.getDecoder().decode(header.substring(6).trim());
        String credentials = new String(decoded, StandardCharsets.UTF_8);
        int colon = credentials.indexOf(':');
        if (colon >= 0
            && MessageDigest.isEqual(
                credentials.substring(colon + 1).getBytes(StandardCharsets.UTF_8),
                authToken.getBytes(StandardCharsets.UTF_8))) {
          return;
        }
      } catch (IllegalArgumentException e) {
        // not base64: refused below
      }
    }
    throw new ApiError(
        401,
        ApiError.UNAUTHORIZED,
        "authenticate: this server takes HTTP Basic credentials whose password is its auth "
            + "token",
        Map.of("WWW-Authenticate", "Basic realm=\"TaskRouter\""));
  }

  private Response route(Request request) {
    String target = request.target();
    if (target.isEmpty() || target.charAt(0) != '/' || target.indexOf('#') >= 0) {
      throw ApiError.badRequest(
          "request target must be a path starting with / and no fragment: " + Echo.of(target));
    }
    int question = target.indexOf('?');
    String path = question < 0 ? target : target.substring(0, question);
    String query = question < 0 ? "" : target.substring(question + 1);
    String[] seg = path.split("/", -1);
    if (seg.length >= 2 && seg[1].equals("__admin")) {
      return admin.handle(request, path, seg, query);
    }
    if ((seg.length != 7 && seg.length != 8)
        || !seg[1].equals("v1")
        || !seg[2].equals("Workspaces")
        || !seg[6].equals("Reservations")
        || !(seg[4].equals("Tasks") || seg[4].equals("Workers"))) {
      throw ApiError.notFound(path);
    }
    boolean taskPath = seg[4].equals("Tasks");
    WorkspaceSid workspace = pathSid(WorkspaceSid::parse, seg[3], path);
    TaskSid task = taskPath ? pathSid(TaskSid::parse, seg[5], path) : null;
    WorkerSid worker = taskPath ? null : pathSid(WorkerSid::parse, seg[5], path);
    if (seg.length == 7) {
      requireMethod(request, "GET");
      return list(workspace, task, worker, query);
    }
    ReservationSid sid = pathSid(ReservationSid::parse, seg[7], path);
    if (!request.method().equals("GET") && !request.method().equals("POST")) {
      throw badMethod(request, "GET, POST");
    }
    if (!query.isEmpty()) {
      throw ApiError.badRequest("a reservation's URL takes no query parameter: " + Echo.of(query));
    }
    Reservation current =
        engine
            .find(sid)
            .filter(
                r ->
                    r.workspaceSid().equals(workspace)
                        && (taskPath ? r.taskSid().equals(task) : r.workerSid().equals(worker)))
            .orElseThrow(() -> ApiError.notFound(path));
    if (request.method().equals("GET")) {
      return reservation(200, current, taskPath);
    }
    return update(request, current, taskPath, path);
  }

  private Response list(
      WorkspaceSid workspace, @Nullable TaskSid task, @Nullable WorkerSid worker, String query) {
    UrlForm params = UrlForm.parse(query);
    params.checkNames(
        task != null ? TASK_LIST_PARAMETERS : WORKER_LIST_PARAMETERS, "query parameter");
    ReservationQuery q =
        task != null
            ? ReservationQuery.forTask(workspace, task)
            : ReservationQuery.forWorker(workspace, Objects.requireNonNull(worker));
    try {
      Optional<String> status = params.last("ReservationStatus");
      if (status.isPresent()) {
        q = q.withStatus(ReservationStatus.fromWireName(status.get()));
      }
      Optional<String> workerFilter = params.last("WorkerSid");
      if (workerFilter.isPresent()) {
        q = q.withWorker(WorkerSid.parse(workerFilter.get()));
      }
      Optional<String> pageSize = params.last("PageSize");
      if (pageSize.isPresent()) {
        int size = integer("PageSize", pageSize.get());
        if (size > ReservationQuery.MAX_PAGE_SIZE) {
          throw new ApiError(
              400,
              ApiError.PAGE_SIZE,
              String.format(
                  Locale.ROOT,
                  "page size must be between 1 and %d: %d",
                  ReservationQuery.MAX_PAGE_SIZE,
                  size));
        }
        q = q.withPageSize(size);
      }
      Optional<String> page = params.last("Page");
      if (page.isPresent()) {
        int index = integer("Page", page.get());
        if (index == Integer.MAX_VALUE) {
          // the next page's index would overflow an int
          throw ApiError.badRequest("page must be less than 2147483647: " + index);
        }
        q = q.withPage(index);
      }
      Optional<String> token = params.last("PageToken");
      if (token.isPresent()) {
        q = q.withPageToken(token.get());
      }
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(String.valueOf(e.getMessage()));
    }
    Page<Reservation> page;
    try {
      page = engine.list(q);
    } catch (InvalidPageTokenException e) {
      throw new ApiError(400, ApiError.BAD_TOKEN, String.valueOf(e.getMessage()));
    }
    // kept as the adapter's text: no copy on the way to a client that wants text
    return jsonText(200, json.writePage(page), null);
  }

  private Response update(Request request, Reservation current, boolean taskPath, String path) {
    UrlForm form = readForm(request);
    form.checkNames(
        taskPath ? TASK_UPDATE_PARAMETERS : WORKER_UPDATE_PARAMETERS, "update parameter");
    for (String name : ACTIVITY_SID_PARAMETERS) {
      checkPattern(form, name, "WA");
    }
    checkPattern(form, "RedirectCallSid", "CA");
    for (String name : INTEGER_PARAMETERS) {
      form.last(name).ifPresent(v -> integer(name, v));
    }
    for (String name : BOOLEAN_PARAMETERS) {
      UrlForm.bool(form, name);
    }
    long expected = ifMatch(request);
    Optional<String> statusText = form.last("ReservationStatus");
    Optional<String> instruction = form.last("Instruction");
    if (statusText.isPresent() && instruction.isPresent()) {
      throw ApiError.badRequest(
          String.format(
              Locale.ROOT,
              "an update takes a ReservationStatus or an Instruction, not both: %s and %s",
              Echo.of(statusText.get()),
              Echo.of(instruction.get())));
    }
    ReservationStatus target = null;
    if (statusText.isPresent()) {
      try {
        target = ReservationStatus.fromWireName(statusText.get());
      } catch (IllegalArgumentException e) {
        throw ApiError.badRequest(String.valueOf(e.getMessage()));
      }
    } else if (instruction.isPresent()) {
      target = instructionTarget(form, instruction.get(), current);
    }
    Reservation updated;
    try {
      if (target == null) {
        updated = engine.get(current.sid());
        if (expected >= 0 && updated.version() != expected) {
          throw new VersionMismatchException(updated.sid(), expected, updated.version());
        }
      } else if (expected >= 0) {
        updated = engine.update(current.sid(), target, expected);
      } else {
        updated = engine.update(current.sid(), target);
      }
    } catch (ReservationNotFoundException e) {
      throw ApiError.notFound(path);
    } catch (VersionMismatchException e) {
      throw new ApiError(412, ApiError.STALE, String.valueOf(e.getMessage()));
    } catch (IllegalTransitionException e) {
      throw new ApiError(409, ApiError.CONFLICT, String.valueOf(e.getMessage()));
    }
    return reservation(200, updated, taskPath);
  }

  private static @Nullable ReservationStatus instructionTarget(
      UrlForm form, String instruction, Reservation current) {
    boolean accepts;
    switch (instruction) {
      case "dequeue":
      case "conference":
        accepts = true;
        break;
      case "call":
        accepts = Boolean.TRUE.equals(UrlForm.bool(form, "CallAccept"));
        break;
      case "redirect":
        accepts = Boolean.TRUE.equals(UrlForm.bool(form, "RedirectAccept"));
        break;
      default:
        throw ApiError.badRequest(
            "instruction must be one of dequeue, call, redirect, conference (supervise is not "
                + "served): "
                + Echo.of(instruction));
    }
    if (accepts) {
      return ReservationStatus.ACCEPTED;
    }
    if (current.status() != ReservationStatus.PENDING) {
      throw new ApiError(
          409,
          ApiError.CONFLICT,
          String.format(
              Locale.ROOT,
              "an instruction needs a pending reservation: %s is %s",
              current.sid(),
              current.status().wireName()));
    }
    return null;
  }

  /** The version {@code If-Match} asks for, or -1 for none or {@code *}. */
  private static long ifMatch(Request request) {
    Optional<String> header = request.header("If-Match");
    if (header.isEmpty()) {
      return -1;
    }
    String text = header.get().trim();
    if (text.equals("*")) {
      return -1;
    }
    String digits = text;
    if (digits.startsWith("W/")) {
      digits = digits.substring(2);
      if (!digits.startsWith("\"")) {
        digits = "";
      }
    }
    if (digits.length() >= 2 && digits.startsWith("\"") && digits.endsWith("\"")) {
      digits = digits.substring(1, digits.length() - 1);
    }
    if (!digits.isEmpty()
        && digits.length() <= 18
        && digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Long.parseLong(digits);
    }
    throw ApiError.badRequest(
        "If-Match must be a version N, \"N\", W/\"N\" or *: " + Echo.of(text));
  }

  private static void checkPattern(UrlForm form, String name, String prefix) {
    Optional<String> value = form.last(name);
    if (value.isEmpty()) {
      return;
    }
    String v = value.get();
    boolean ok =
        v.length() == 34
            && v.startsWith(prefix)
            && v.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128);
    if (!ok) {
      throw ApiError.badRequest(
          String.format(
              Locale.ROOT, "%s must match ^%s[0-9a-fA-F]{32}$: %s", name, prefix, Echo.of(v)));
    }
  }

  /** A decimal int, {@code -} allowed, no {@code +}, no spaces. */
  static int integer(String name, String value) {
    boolean ok = !value.isEmpty() && value.length() <= 11;
    for (int i = 0; ok && i < value.length(); i++) {
      char c = value.charAt(i);
      ok = (c >= '0' && c <= '9') || (i == 0 && c == '-' && value.length() > 1);
    }
    if (ok) {
      long parsed = Long.parseLong(value);
      if (parsed >= Integer.MIN_VALUE && parsed <= Integer.MAX_VALUE) {
        return (int) parsed;
      }
    }
    throw ApiError.badRequest(
        String.format(
            Locale.ROOT, "%s must be a decimal 32-bit integer: %s", name, Echo.of(value)));
  }

  private static <T> T pathSid(Function<String, T> parse, String text, String path) {
    try {
      return parse.apply(text);
    } catch (IllegalArgumentException e) {
      throw ApiError.notFound(path);
    }
  }

  static void requireMethod(Request request, String method) {
    if (!request.method().equals(method)) {
      throw badMethod(request, method);
    }
  }

  static ApiError badMethod(Request request, String allowed) {
    return new ApiError(
        405,
        ApiError.BAD_METHOD,
        String.format(
            Locale.ROOT,
            "method must be %s on this path: %s",
            allowed.replace(", ", " or "),
            Echo.of(request.method())),
        Map.of("Allow", allowed));
  }

  /**
   * The request's form body: {@code application/x-www-form-urlencoded}, a UTF-8 or US-ASCII charset
   * or none; no {@code Content-Type} only for an empty body.
   */
  static UrlForm readForm(Request request) {
    Optional<String> type = request.header("Content-Type");
    if (type.isEmpty()) {
      if (request.bodyLength() == 0) {
        return UrlForm.empty();
      }
      throw new ApiError(
          415,
          ApiError.BAD_REQUEST,
          "a request body must be a form, with Content-Type: application/x-www-form-urlencoded");
    }
    String[] parts = type.get().split(";", -1);
    if (!parts[0].trim().equalsIgnoreCase("application/x-www-form-urlencoded")) {
      throw new ApiError(
          415,
          ApiError.BAD_REQUEST,
          "Content-Type must be application/x-www-form-urlencoded: " + Echo.of(type.get()));
    }
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].trim();
      int eq = parameter.indexOf('=');
      if (eq > 0 && parameter.substring(0, eq).trim().equalsIgnoreCase("charset")) {
        String charset = parameter.substring(eq + 1).trim().replace("\"", "");
        if (!charset.equalsIgnoreCase("utf-8")
            && !charset.equalsIgnoreCase("utf8")
            && !charset.equalsIgnoreCase("us-ascii")) {
          throw new ApiError(
              415,
              ApiError.BAD_REQUEST,
              "a form's charset must be UTF-8 or US-ASCII: " + Echo.of(charset));
        }
      }
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(request.body))
              .toString();
    } catch (CharacterCodingException e) {
      throw ApiError.badRequest("a form body must be UTF-8 text");
    }
    return UrlForm.parse(text);
  }

  private Response reservation(int status, Reservation r, boolean taskPath) {
    return jsonText(
        status,
        taskPath ? json.writeTaskReservation(r) : json.writeWorkerReservation(r),
        r.version());
  }

  /** A JSON answer of {@code body}'s UTF-8 bytes, with an {@code ETag} if a version is given. */
  static Response json(int status, String body, @Nullable Long version) {
    return new Response(status, jsonHeaders(version), body.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A JSON answer kept as {@code body}, which must be well-formed UTF-16, as TaskRouterJson's
   * output is: see {@link Response#ofText}.
   */
  static Response jsonText(int status, String body, @Nullable Long version) {
    return Response.ofText(status, jsonHeaders(version), body);
  }

  private static Map<String, String> jsonHeaders(@Nullable Long version) {
    Map<String, String> headers = new LinkedHashMap<>(4);
    headers.put("Content-Type", "application/json");
    if (version != null) {
      headers.put("ETag", "\"" + version + "\"");
    }
    return headers;
  }

  /**
   * Settings of a {@link TaskRouterApi}. Each setting may be made once; a bad value fails at its
   * call. Not thread-safe.
   */
  public static final class Builder {
    private final ReservationEngine engine;
    private @Nullable String baseUrl;
    private @Nullable ManualClock clock;
    private @Nullable EventLog eventLog;
    private @Nullable String authToken;

    private Builder(ReservationEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * The base URL of the URLs written in bodies (default {@code https://taskrouter.twilio.com}).
     *
     * @param baseUrl the scheme and authority, and optionally a path, such as {@code
     *     http://127.0.0.1:8080}; a trailing {@code /} is dropped
     * @return this builder
     * @throws IllegalArgumentException as {@link TaskRouterJson#create(String)} does, or if set
     *     twice
     */
    public Builder baseUrl(String baseUrl) {
      Objects.requireNonNull(baseUrl, "baseUrl");
      once(this.baseUrl, "baseUrl");
      this.baseUrl = TaskRouterJson.create(baseUrl).baseUrl();
      return this;
    }

    /**
     * The engine's clock, which {@code POST /__admin/Clock} moves. Without it that endpoint answers
     * 409. It must be the clock the engine was built with.
     *
     * @param clock the engine's clock
     * @return this builder
     * @throws IllegalArgumentException if set twice
     */
    public Builder clock(ManualClock clock) {
      Objects.requireNonNull(clock, "clock");
      once(this.clock, "clock");
      this.clock = clock;
      return this;
    }

    /**
     * The log {@code GET /__admin/Events} reads. Without it that endpoint answers 409. It must be a
     * listener of the engine.
     *
     * @param eventLog a log the engine reports to
     * @return this builder
     * @throws IllegalArgumentException if set twice
     */
    public Builder eventLog(EventLog eventLog) {
      Objects.requireNonNull(eventLog, "eventLog");
      once(this.eventLog, "eventLog");
      this.eventLog = eventLog;
      return this;
    }

    /**
     * Requires HTTP Basic credentials whose password is {@code authToken}, on every path. Without
     * it, any {@code Authorization} header, or none, is accepted.
     *
     * @param authToken the password the credentials must carry; not empty
     * @return this builder
     * @throws IllegalArgumentException if {@code authToken} is empty, or set twice
     */
    public Builder authToken(String authToken) {
      Objects.requireNonNull(authToken, "authToken");
      once(this.authToken, "authToken");
      if (authToken.isEmpty()) {
        throw new IllegalArgumentException("auth token must not be empty");
      }
      this.authToken = authToken;
      return this;
    }

    /** {@return a new API with what was set; the builder may be used again} */
    public TaskRouterApi build() {
      return new TaskRouterApi(this);
    }

    private static void once(@Nullable Object current, String name) {
      if (current != null) {
        throw new IllegalArgumentException(name + " must be set at most once");
      }
    }
  }

  /**
   * One HTTP request. Immutable: the headers and body are copied in and never handed out writable.
   *
   * @param method the method, such as {@code GET}; compared exactly (upper case)
   * @param target the request target in origin form, as on the request line: the raw path and
   *     optional query, still percent-encoded, such as {@code /v1/Workspaces/WS…/Tasks/WT…/
   *     Reservations?PageSize=2}
   * @param headers the header fields, each name with its values in order; names are matched without
   *     regard to case
   * @param body the body bytes, empty for none
   */
  @SuppressWarnings("ArrayRecordComponent") // the body is copied in and out
  public record Request(
      String method, String target, Map<String, List<String>> headers, byte[] body) {
    /**
     * Copies the components.
     *
     * @param method the method, such as {@code GET}; compared exactly (upper case)
     * @param target the request target in origin form, still percent-encoded
     * @param headers the header fields, each name with its values in order; names are matched
     *     without regard to case
     * @param body the body bytes, empty for none
     * @throws NullPointerException if a component, a header name or a header value is null
     */
    public Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(headers, "headers");
      Objects.requireNonNull(body, "body");
      TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        List<String> values =
            copy.computeIfAbsent(
                Objects.requireNonNull(e.getKey(), "header name"), k -> new ArrayList<>());
        for (String v : e.getValue()) {
          values.add(Objects.requireNonNull(v, "header value"));
        }
      }
      copy.replaceAll((k, v) -> List.copyOf(v));
      headers = Collections.unmodifiableMap(copy);
      body = body.clone();
    }

    /** {@return the length of the body, in bytes, without copying it} */
    public int bodyLength() {
      return body.length;
    }

    /**
     * A {@code GET} of {@code target} with no header and no body.
     *
     * @param target the request target in origin form, such as {@code /v1/Workspaces/WS…}
     * @return the request
     * @throws NullPointerException if {@code target} is null
     */
    public static Request get(String target) {
      return new Request("GET", target, Map.of(), new byte[0]);
    }

    /**
     * A {@code POST} of {@code target} with the form body {@code form} (already encoded, such as
     * {@code ReservationStatus=accepted}) and {@code Content-Type:
     * application/x-www-form-urlencoded}.
     *
     * @param target the request target in origin form
     * @param form the encoded form, sent as its UTF-8 bytes
     * @return the request
     * @throws NullPointerException if {@code target} or {@code form} is null
     */
    public static Request post(String target, String form) {
      return new Request(
          "POST",
          target,
          Map.of("Content-Type", List.of("application/x-www-form-urlencoded")),
          form.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * This request with one more value of header {@code name}, after those it has.
     *
     * @param name the header name, matched without regard to case
     * @param value the value to add
     * @return a new request; this one is unchanged
     * @throws NullPointerException if {@code name} or {@code value} is null
     */
    public Request withHeader(String name, String value) {
      TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      copy.putAll(headers);
      List<String> values = new ArrayList<>(copy.getOrDefault(name, List.of()));
      values.add(Objects.requireNonNull(value, "value"));
      copy.put(Objects.requireNonNull(name, "name"), values);
      return new Request(method, target, copy, body);
    }

    /**
     * {@return the last value of header {@code name}, matched without regard to case; empty without
     * one}
     *
     * @param name the header name
     * @throws NullPointerException if {@code name} is null
     */
    public Optional<String> header(String name) {
      List<String> values = headers.get(Objects.requireNonNull(name, "name"));
      return values == null || values.isEmpty()
          ? Optional.empty()
          : Optional.of(values.get(values.size() - 1));
    }

    /** {@return a copy of the body: O(body length), and changing it changes nothing here} */
    @Override
    public byte[] body() {
      return body.clone();
    }

    /** Compares every component, the body by content. */
    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Request r
          && method.equals(r.method)
          && target.equals(r.target)
          && headers.equals(r.headers)
          && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
      return Objects.hash(method, target, headers) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
      return method + " " + target + " " + headers + " (" + body.length + " bytes)";
    }
  }

  /**
   * One HTTP response. Immutable and thread-safe.
   *
   * <p>A value with the three components {@code status}, {@code headers} and {@code body}, and
   * exactly the contract a record of them would have with its body copied in and out and compared
   * by content: {@link #equals}, {@link #hashCode} and {@link #toString} are those of the former
   * record. It is not a {@link Record}, though: a body this API writes as JSON text (a list page, a
   * reservation, an error) is kept as that text, whose UTF-8 form is the body, so that {@link
   * #bodyText} hands a 40 KB page to a client that wants text ({@code EngineHttpClient}) with no
   * copy, where a record's byte array cost three (into the record, out of it, and decoding it).
   *
   * <p>Layout: exactly one of {@code bytes} (a body given as bytes, a private copy) and {@code
   * text} (a body written as text, well-formed UTF-16, so that its UTF-8 form decodes back to
   * itself) is non-null.
   */
  public static final class Response {
    private final int status;
    private final Map<String, String> headers;
    private final byte @Nullable [] bytes;
    private final @Nullable String text;

    /**
     * A response of these components; {@code body} is copied.
     *
     * @param status the HTTP status, such as 200
     * @param headers the header fields, one value each, with their names as TaskRouter writes them
     *     ({@code Content-Type}, {@code ETag}, {@code Allow}); iteration follows insertion order
     * @param body the body bytes: UTF-8 JSON
     * @throws NullPointerException if a component is null
     */
    public Response(int status, Map<String, String> headers, byte[] body) {
      this(status, headers, Objects.requireNonNull(body, "body").clone(), null);
    }

    private Response(
        int status, Map<String, String> headers, byte @Nullable [] bytes, @Nullable String text) {
      Objects.requireNonNull(headers, "headers");
      this.status = status;
      this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
      this.bytes = bytes;
      this.text = text;
    }

    /**
     * A response whose body is the UTF-8 form of {@code text}, kept as it is: {@code text} must be
     * well-formed UTF-16 (no unpaired surrogate), as TaskRouterJson's output and ApiError's bodies
     * are.
     */
    static Response ofText(int status, Map<String, String> headers, String text) {
      return new Response(status, headers, null, Objects.requireNonNull(text, "text"));
    }

    /** {@return the HTTP status, such as 200} */
    public int status() {
      return status;
    }

    /**
     * {@return the header fields, one value each, unmodifiable; iteration follows insertion order}
     */
    public Map<String, String> headers() {
      return headers;
    }

    /** {@return a copy of the body: O(body length), and changing it changes nothing here} */
    public byte[] body() {
      return bytes != null
          ? bytes.clone()
          : Objects.requireNonNull(text).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * {@return the length of the body, in bytes} O(1) for a body given as bytes; a body written as
     * text is encoded to count it, so a caller that sends the body too takes {@link #body()} once.
     */
    public int bodyLength() {
      return bytes != null
          ? bytes.length
          : Objects.requireNonNull(text).getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Writes the body to {@code out}: a body given as bytes without copying it first. Does not
     * flush or close {@code out}.
     *
     * @param out the stream to write to
     * @throws IOException if {@code out} fails to write
     */
    public void writeBody(OutputStream out) throws IOException {
      out.write(
          bytes != null ? bytes : Objects.requireNonNull(text).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@return the body decoded as UTF-8} O(body length) for a body given as bytes, a new string
     * each call; O(1) for a body written as text, which is that text.
     */
    public String bodyText() {
      return bytes != null
          ? new String(bytes, StandardCharsets.UTF_8)
          : Objects.requireNonNull(text);
    }

    /**
     * {@return the value of header {@code name}, matched without regard to case; empty without one}
     * A linear scan of the few headers.
     *
     * @param name the header name
     * @throws NullPointerException if {@code name} is null
     */
    public Optional<String> header(String name) {
      Objects.requireNonNull(name, "name");
      for (Map.Entry<String, String> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return Optional.of(e.getValue());
        }
      }
      return Optional.empty();
    }

    /** Compares every component, the body by content. */
    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Response r
          && status == r.status
          && headers.equals(r.headers)
          && Arrays.equals(body(), r.body());
    }

    @Override
    public int hashCode() {
      return (status * 31 + headers.hashCode()) * 31 + Arrays.hashCode(body());
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + bodyText();
    }
  }
}
