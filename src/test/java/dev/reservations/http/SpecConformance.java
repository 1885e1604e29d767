package dev.reservations.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.OpenApi30;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks HTTP response bodies against TaskRouter's OpenAPI spec with a real JSON Schema validator
 * (networknt, OpenAPI 3.0 dialect, so {@code nullable} is understood).
 *
 * <p>The schemas come from {@code taskrouter_reservations_v1.json} beside this class: the four
 * Reservation paths of {@code shared/reference/twilio_taskrouter_v1.json} and the components they
 * reference, unchanged ({@code SpecExtractTest} compares them when the reference is present). On
 * top of the spec, which makes no field required, it checks what our adapter promises: the exact
 * keys of a page, its {@code meta} and each reservation. Error bodies (any status from 400) must be
 * exactly {@code {code, message, more_info, status}} with {@code status} equal to the HTTP status
 * and {@code more_info} naming the code.
 *
 * <p>Thread-safe: the schemas are built once; the validator is thread-safe.
 */
public final class SpecConformance {
  static final String RESOURCE = "taskrouter_reservations_v1.json";
  private static final String BASE = "https://spec.test/" + RESOURCE;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern TASK_LIST =
      Pattern.compile("/v1/Workspaces/[^/]+/Tasks/[^/]+/Reservations");
  private static final Pattern WORKER_LIST =
      Pattern.compile("/v1/Workspaces/[^/]+/Workers/[^/]+/Reservations");
  private static final Set<String> PAGE_KEYS = Set.of("meta", "reservations");
  private static final Set<String> META_KEYS =
      Set.of(
          "first_page_url",
          "key",
          "next_page_url",
          "page",
          "page_size",
          "previous_page_url",
          "url");
  private static final Set<String> RESERVATION_KEYS =
      Set.of(
          "account_sid",
          "date_created",
          "date_updated",
          "links",
          "reservation_status",
          "sid",
          "task_sid",
          "url",
          "worker_name",
          "worker_sid",
          "workspace_sid");
  private static final Set<String> ERROR_KEYS = Set.of("code", "message", "more_info", "status");

  private static final SpecConformance INSTANCE = new SpecConformance();

  private final Schema taskList;
  private final Schema workerList;
  private final Schema taskReservation;
  private final Schema workerReservation;
  private int checked;

  private SpecConformance() {
    String spec = specText();
    SchemaRegistry registry =
        SchemaRegistry.withDefaultDialect(
            OpenApi30.getInstance(), b -> b.schemas(Map.of(BASE, spec)));
    String tasks = "~1v1~1Workspaces~1{WorkspaceSid}~1Tasks~1{TaskSid}~1Reservations";
    String workers = "~1v1~1Workspaces~1{WorkspaceSid}~1Workers~1{WorkerSid}~1Reservations";
    String ok = "/responses/200/content/application~1json/schema";
    taskList = schema(registry, "/paths/" + tasks + "/get" + ok);
    workerList = schema(registry, "/paths/" + workers + "/get" + ok);
    taskReservation = schema(registry, "/paths/" + tasks + "~1{Sid}/get" + ok);
    workerReservation = schema(registry, "/paths/" + workers + "~1{Sid}/get" + ok);
    // the update's answer is declared with the same schema as the fetch's
    check(schema(registry, "/paths/" + tasks + "~1{Sid}/post" + ok) != null, "task update");
    check(schema(registry, "/paths/" + workers + "~1{Sid}/post" + ok) != null, "worker update");
  }

  /** The shared instance. */
  public static SpecConformance get() {
    return INSTANCE;
  }

  static String specText() {
    try (InputStream in = SpecConformance.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + RESOURCE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Schema schema(SchemaRegistry registry, String pointer) {
    String fragment = pointer.replace("{", "%7B").replace("}", "%7D");
    Schema schema = registry.getSchema(SchemaLocation.of(BASE + "#" + fragment));
    schema.initializeValidators();
    return schema;
  }

  /** How many bodies this instance has checked, so a test can see that its calls were. */
  public synchronized int checked() {
    return checked;
  }

  /**
   * Checks one response: {@code path} is the request's path without its query. A TaskRouter path's
   * 2xx body must match its spec schema, an admin body the shapes of TaskRouterServer's javadoc,
   * and any 4xx or 5xx body the error shape.
   *
   * @throws AssertionError naming what does not conform
   */
  public void check(String method, String path, int status, String body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("body is not JSON: " + body, e);
    }
    check(node != null && node.isObject(), "body is not a JSON object: " + body);
    synchronized (this) {
      checked++;
    }
    if (status >= 400) {
      checkError(status, node, body);
      return;
    }
    String[] seg = path.split("/", -1);
    if (TASK_LIST.matcher(path).matches()) {
      checkPage(taskList, node, body);
    } else if (WORKER_LIST.matcher(path).matches()) {
      checkPage(workerList, node, body);
    } else if (seg.length == 8 && seg[4].equals("Tasks")) {
      checkReservation(taskReservation, node, body);
    } else if (seg.length == 8 && seg[4].equals("Workers")) {
      checkReservation(workerReservation, node, body);
    } else if (path.equals("/__admin/Reservations")) {
      check(status == 201, "seed answers 201: " + status);
      checkReservation(taskReservation, node, body);
    } else if (path.startsWith("/__admin/Tasks/")) {
      checkKeys(node, Set.of("reservations"), body);
      for (JsonNode r : node.get("reservations")) {
        checkReservation(taskReservation, r, body);
      }
    } else if (path.equals("/__admin/Clock")) {
      checkKeys(node, Set.of("now"), body);
      check(node.get("now").isTextual(), "now is text: " + body);
    } else if (path.equals("/__admin/Events")) {
      checkKeys(node, Set.of("events", "oldest", "latest"), body);
      for (JsonNode e : node.get("events")) {
        checkKeys(e, Set.of("sequence", "type", "previous_status", "at", "reservation"), body);
        checkReservation(taskReservation, e.get("reservation"), body);
      }
    } else {
      throw new AssertionError(
          String.format(
              Locale.ROOT,
              "%s %s answered %d, but no endpoint has that path: %s",
              method,
              path,
              status,
              body));
    }
  }

  private static void checkPage(Schema schema, JsonNode node, String body) {
    validate(schema, node, body);
    checkKeys(node, PAGE_KEYS, body);
    checkKeys(node.get("meta"), META_KEYS, body);
    for (JsonNode r : node.get("reservations")) {
      checkKeys(r, RESERVATION_KEYS, body);
    }
  }

  private static void checkReservation(Schema schema, JsonNode node, String body) {
    validate(schema, node, body);
    checkKeys(node, RESERVATION_KEYS, body);
  }

  private static void checkError(int status, JsonNode node, String body) {
    checkKeys(node, ERROR_KEYS, body);
    check(node.get("code").isInt(), "code is an integer: " + body);
    check(
        node.get("message").isTextual() && !node.get("message").asText().isEmpty(),
        "message is non-empty text: " + body);
    check(
        node.get("status").isInt() && node.get("status").asInt() == status,
        "status equals the HTTP status " + status + ": " + body);
    check(
        node.get("more_info")
            .asText()
            .equals("https://www.twilio.com/docs/errors/" + node.get("code").asInt()),
        "more_info names the code: " + body);
  }

  private static void validate(Schema schema, JsonNode node, String body) {
    List<Error> errors = schema.validate(node);
    if (!errors.isEmpty()) {
      throw new AssertionError("body does not match the spec: " + errors + "\n" + body);
    }
  }

  private static void checkKeys(JsonNode node, Set<String> keys, String body) {
    check(node != null && node.isObject(), "an object is expected: " + body);
    Set<String> actual = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      actual.add(it.next());
    }
    if (!actual.equals(new TreeSet<>(keys))) {
      List<String> missing = new ArrayList<>(keys);
      missing.removeAll(actual);
      actual.removeAll(keys);
      throw new AssertionError(
          "keys differ: missing " + missing + ", extra " + actual + ": " + body);
    }
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new AssertionError(message);
    }
  }
}
