package dev.reservations.http;

import dev.reservations.engine.ReservationEngine;
import dev.reservations.json.TaskRouterJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
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

  private final ReservationEngine engine;
  private final TaskRouterJson json;
  private final @Nullable ManualClock clock;
  private final @Nullable EventLog eventLog;
  private final @Nullable String authToken;

  private TaskRouterApi(Builder builder) {
    this.engine = builder.engine;
    this.json = builder.baseUrl == null ? TaskRouterJson.create()
        : TaskRouterJson.create(builder.baseUrl);
    this.clock = builder.clock;
    this.eventLog = builder.eventLog;
    this.authToken = builder.authToken;
  }

  /**
   * An API on {@code engine} whose URLs start with {@code https://taskrouter.twilio.com}, with
   * no credentials checked, no manual clock and no event log.
   *
   * @throws NullPointerException if {@code engine} is null
   */
  public static TaskRouterApi create(ReservationEngine engine) {
    return builder(engine).build();
  }

  /**
   * A builder of an API on {@code engine}.
   *
   * @throws NullPointerException if {@code engine} is null
   */
  public static Builder builder(ReservationEngine engine) {
    return new Builder(engine);
  }

  /** The engine this API serves. */
  public ReservationEngine engine() {
    return engine;
  }

  /** The base URL of every URL in the bodies, without a trailing {@code /}. */
  public String baseUrl() {
    return json.baseUrl();
  }

  /**
   * Answers one request. Never throws for any request; every answer has a JSON body.
   *
   * @throws NullPointerException if {@code request} is null
   */
  public Response handle(Request request) {
    Objects.requireNonNull(request, "request");
    return Response.error(501, 20001, "not implemented yet");
  }

  /**
   * Settings of a {@link TaskRouterApi}. Each setting may be made once; a bad value fails at
   * its call. Not thread-safe.
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
     * The engine's clock, which {@code POST /__admin/Clock} moves. Without it that endpoint
     * answers 409. It must be the clock the engine was built with.
     *
     * @throws IllegalArgumentException if set twice
     */
    public Builder clock(ManualClock clock) {
      Objects.requireNonNull(clock, "clock");
      once(this.clock, "clock");
      this.clock = clock;
      return this;
    }

    /**
     * The log {@code GET /__admin/Events} reads. Without it that endpoint answers 409. It must be
     * a listener of the engine.
     *
     * @throws IllegalArgumentException if set twice
     */
    public Builder eventLog(EventLog eventLog) {
      Objects.requireNonNull(eventLog, "eventLog");
      once(this.eventLog, "eventLog");
      this.eventLog = eventLog;
      return this;
    }

    /**
     * Requires HTTP Basic credentials whose password is {@code authToken}, on every path.
     * Without it, any {@code Authorization} header, or none, is accepted.
     *
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

    /** The API. The builder may be used again. */
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
   * One HTTP request. Immutable: the headers and body are copied in and never handed out
   * writable.
   *
   * @param method the method, such as {@code GET}; compared exactly (upper case)
   * @param target the request target in origin form, as on the request line: the raw path and
   *     optional query, still percent-encoded, such as {@code /v1/Workspaces/WS…/Tasks/WT…/
   *     Reservations?PageSize=2}
   * @param headers the header fields, each name with its values in order; names are matched
   *     without regard to case
   * @param body the body bytes, empty for none
   */
  public record Request(String method, String target, Map<String, List<String>> headers,
      byte[] body) {
    /**
     * Copies the components.
     *
     * @throws NullPointerException if a component, a header name or a header value is null
     */
    public Request {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(headers, "headers");
      Objects.requireNonNull(body, "body");
      TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        List<String> values = copy.computeIfAbsent(
            Objects.requireNonNull(e.getKey(), "header name"), k -> new ArrayList<>());
        for (String v : e.getValue()) {
          values.add(Objects.requireNonNull(v, "header value"));
        }
      }
      copy.replaceAll((k, v) -> List.copyOf(v));
      headers = Collections.unmodifiableMap(copy);
      body = body.clone();
    }

    /** A {@code GET} of {@code target} with no header and no body. */
    public static Request get(String target) {
      return new Request("GET", target, Map.of(), new byte[0]);
    }

    /**
     * A {@code POST} of {@code target} with the form body {@code form} (already encoded, such as
     * {@code ReservationStatus=accepted}) and {@code Content-Type:
     * application/x-www-form-urlencoded}.
     */
    public static Request post(String target, String form) {
      return new Request("POST", target,
          Map.of("Content-Type", List.of("application/x-www-form-urlencoded")),
          form.getBytes(StandardCharsets.UTF_8));
    }

    /** This request with one more value of header {@code name}. */
    public Request withHeader(String name, String value) {
      TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      copy.putAll(headers);
      List<String> values = new ArrayList<>(copy.getOrDefault(name, List.of()));
      values.add(Objects.requireNonNull(value, "value"));
      copy.put(Objects.requireNonNull(name, "name"), values);
      return new Request(method, target, copy, body);
    }

    /** The last value of header {@code name}, matched without regard to case. */
    public Optional<String> header(String name) {
      List<String> values = headers.get(Objects.requireNonNull(name, "name"));
      return values == null || values.isEmpty() ? Optional.empty()
          : Optional.of(values.get(values.size() - 1));
    }

    /** The body, copied. */
    @Override
    public byte[] body() {
      return body.clone();
    }

    /** Compares every component, the body by content. */
    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Request r && method.equals(r.method) && target.equals(r.target)
          && headers.equals(r.headers) && Arrays.equals(body, r.body);
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
   * One HTTP response. Immutable.
   *
   * @param status the HTTP status, such as 200
   * @param headers the header fields, one value each, with their names as TaskRouter writes them
   *     ({@code Content-Type}, {@code ETag}, {@code Allow}); iteration follows insertion order
   * @param body the body bytes: UTF-8 JSON
   */
  public record Response(int status, Map<String, String> headers, byte[] body) {
    /**
     * Copies the components.
     *
     * @throws NullPointerException if a component is null
     */
    public Response {
      Objects.requireNonNull(headers, "headers");
      Objects.requireNonNull(body, "body");
      headers = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
      body = body.clone();
    }

    static Response error(int status, int code, String message) {
      String body = "{\"code\":" + code + ",\"message\":\"" + message
          + "\",\"more_info\":\"https://www.twilio.com/docs/errors/" + code + "\",\"status\":"
          + status + "}";
      return new Response(status, Map.of("Content-Type", "application/json"),
          body.getBytes(StandardCharsets.UTF_8));
    }

    /** The body, copied. */
    @Override
    public byte[] body() {
      return body.clone();
    }

    /** The body as text (it is UTF-8). */
    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The value of header {@code name}, matched without regard to case. */
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
      return o instanceof Response r && status == r.status && headers.equals(r.headers)
          && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
      return (status * 31 + headers.hashCode()) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + bodyText();
    }
  }
}
