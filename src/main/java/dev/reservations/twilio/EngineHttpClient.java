package dev.reservations.twilio;

import com.twilio.constant.EnumConstants;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.IRequest;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.http.TaskRouterApi;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.message.BasicHeader;
import org.jspecify.annotations.Nullable;

/**
 * A twilio-java {@link HttpClient} that answers TaskRouter's Reservation requests from an engine in
 * process, with no socket: the application code under test keeps its twilio-java calls unchanged
 * and gets a stateful TaskRouter.
 *
 * <pre>{@code
 * TwilioRestClient client = EngineHttpClient.restClient(engine);
 * ResourceSet<Reservation> pending = Reservation.reader(workspace, task)
 *     .setReservationStatus(Reservation.Status.PENDING)
 *     .read(client);
 * }</pre>
 *
 * <p>Every request goes to {@link TaskRouterApi#handle}, whose javadoc is the contract of the
 * endpoints, the update parameters and the errors; its URLs are TaskRouter's own, {@code
 * https://taskrouter.twilio.com}, so twilio-java's paging follows them back here. A request for
 * another origin (another Twilio product, or a {@code region} or {@code edge} set on the client,
 * which rewrite the host) is a 404/20404 naming the URL. Response headers keep TaskRouterApi's
 * names ({@code ETag}, {@code Content-Type}). twilio-java's credentials are sent as the {@code
 * Authorization} header but not checked (the API has no auth token). A twilio-java 5xx retry never
 * happens for a client mistake: the API answers those with a 4xx.
 *
 * <p>Thread-safe, as the engine is; cost is that of {@link TaskRouterApi#handle}: the JSON text it
 * writes is handed to twilio-java's {@link Response} as it is, with no copy. A request for
 * TaskRouter's origin with no region or edge, whose URL twilio-java would send as it is, is read in
 * one scan; any other goes through twilio-java's {@code constructURL}, which builds the URL three
 * times over. Both give the same path and query.
 */
// not "requires transitive": a consumer without twilio-java must still compile against the module;
// a user of this class requires twilio itself
@SuppressWarnings("exports")
public final class EngineHttpClient extends HttpClient {
  /** The only origin served, TaskRouter's. */
  private static final String ORIGIN = "https://taskrouter.twilio.com";

  /**
   * twilio-java's {@code IRequest.region} and {@code IRequest.edge}, which have no getter; null if
   * this twilio-java names them otherwise, and then every request takes {@code constructURL}.
   */
  private static final @Nullable VarHandle REGION = requestField("region");

  private static final @Nullable VarHandle EDGE = requestField("edge");

  private static final byte IN_PATH = 1;
  private static final byte IN_QUERY = 2;

  /** For each ASCII char, whether it passes {@code constructURL} as it is in a path, a query. */
  private static final byte[] PLAIN = new byte[0x80];

  static {
    String both = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-*_";
    for (int i = 0; i < both.length(); i++) {
      PLAIN[both.charAt(i)] = IN_PATH | IN_QUERY;
    }
    PLAIN['/'] = IN_PATH;
    String queryOnly = "=&+~";
    for (int i = 0; i < queryOnly.length(); i++) {
      PLAIN[queryOnly.charAt(i)] = IN_QUERY;
    }
  }

  private final TaskRouterApi api;

  /**
   * A client answering from {@code engine}, with TaskRouter's own URLs ({@code
   * https://taskrouter.twilio.com}).
   *
   * @param engine the engine every request is answered from
   * @throws NullPointerException if {@code engine} is null
   */
  public EngineHttpClient(ReservationEngine engine) {
    this.api = TaskRouterApi.create(Objects.requireNonNull(engine, "engine"));
  }

  /**
   * A ready {@link TwilioRestClient} on a new {@code EngineHttpClient(engine)}: its account sid
   * (and user name) is {@code engine.accountSid()}, its password a placeholder, and it has no
   * region or edge.
   *
   * @param engine the engine every request of the client is answered from
   * @return a new client, each call another; none of its requests leaves the process
   * @throws NullPointerException if {@code engine} is null
   */
  public static TwilioRestClient restClient(ReservationEngine engine) {
    Objects.requireNonNull(engine, "engine");
    String account = engine.accountSid().toString();
    return new TwilioRestClient.Builder(account, "engine-http-client")
        .accountSid(account)
        .httpClient(new EngineHttpClient(engine))
        .build();
  }

  /**
   * Answers {@code request} from the engine. Never throws for a request twilio-java builds: a
   * refusal is a {@link Response} with TaskRouter's error body.
   *
   * @throws NullPointerException if {@code request} is null
   */
  @Override
  public Response makeRequest(Request request) {
    Objects.requireNonNull(request, "request");
    String target = plainTarget(request);
    if (target == null) {
      URL url = request.constructURL();
      String origin = url.getProtocol() + "://" + url.getAuthority();
      if (!origin.equals(ORIGIN) && !origin.equals(ORIGIN + ":443")) {
        return notTaskRouter(url.toString());
      }
      target = url.getFile().isEmpty() ? "/" : url.getFile();
    }
    TaskRouterApi.Response answer = api.handle(toApiRequest(request, target));
    List<Header> headers = new ArrayList<>(answer.headers().size());
    for (Map.Entry<String, String> e : answer.headers().entrySet()) {
      headers.add(new BasicHeader(e.getKey(), e.getValue()));
    }
    return new Response(answer.bodyText(), answer.status(), headers.toArray(new Header[0]));
  }

  private static @Nullable VarHandle requestField(String name) {
    try {
      return MethodHandles.privateLookupIn(IRequest.class, MethodHandles.lookup())
          .findVarHandle(IRequest.class, name, String.class);
    } catch (IllegalAccessException | NoSuchFieldException e) {
      return null;
    }
  }

  private static Response notTaskRouter(String url) {
    StringBuilder message = new StringBuilder();
    for (char c :
        ("EngineHttpClient serves " + ORIGIN + " only, with no region or edge: " + url)
            .toCharArray()) {
      if (c == '"' || c == '\\') {
        message.append('\\');
      }
      message.append(c < 0x20 ? ' ' : c);
    }
    String body =
        "{\"code\":20404,\"message\":\""
            + message
            + "\",\"more_info\":\"https://www.twilio.com/docs/errors/20404\",\"status\":404}";
    return new Response(
        body, 404, new Header[] {new BasicHeader("Content-Type", "application/json")});
  }

  /**
   * The path and query that {@code request.constructURL()} would give, read without it, for a
   * {@code Request} (not a subclass, which may build its URL otherwise) of TaskRouter's origin with
   * no region or edge whose URL holds only chars that twilio-java's {@code buildURL} and {@code
   * java.net.URI} leave as they are; else null, and the caller asks {@code constructURL} (which
   * rewrites the host for a region or edge, percent-encodes path segments, drops a trailing {@code
   * /} and throws for a malformed URL). {@code constructURL} builds the URL three times over (about
   * 5 µs, more than half of an update's time in process); this is one scan of it. {@code
   * EngineHttpClientTest} checks both agree on random URLs.
   */
  static @Nullable String plainTarget(Request request) {
    // a subclass may build its URL otherwise: only constructURL says what it sends
    if (request.getClass() != Request.class
        || REGION == null
        || EDGE == null
        || REGION.get(request) != null
        || EDGE.get(request) != null) {
      return null;
    }
    String url = request.getUrl();
    int from = ORIGIN.length();
    if (url == null || !url.startsWith(ORIGIN) || url.length() == from || url.charAt(from) != '/') {
      return null;
    }
    int question = url.indexOf('?', from);
    int pathEnd = question < 0 ? url.length() : question;
    if (url.charAt(pathEnd - 1) == '/'
        || !plain(url, from, pathEnd, false)
        || !plain(url, pathEnd + 1, url.length(), true)) {
      return null;
    }
    String query = request.encodeQueryParams();
    if (query.isEmpty()) {
      return url.substring(from);
    }
    return question < 0 ? url.substring(from) + '?' + query : null;
  }

  /**
   * Whether {@code text[from, to)} holds only chars that {@code URLEncoder} leaves as they are
   * ({@code A-Z a-z 0-9 . - * _}) and {@code /}, or in a query those and {@code = & + ~} and a
   * {@code %} before two ASCII hex digits: the chars that pass {@code constructURL} unchanged.
   */
  private static boolean plain(String text, int from, int to, boolean query) {
    byte allowed = query ? IN_QUERY : IN_PATH;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < 0x80 && (PLAIN[c] & allowed) != 0) {
        continue;
      }
      if (!query
          || c != '%'
          || i + 2 >= to
          || !asciiHex(text.charAt(i + 1))
          || !asciiHex(text.charAt(i + 2))) {
        return false;
      }
      i += 2;
    }
    return true;
  }

  /**
   * Whether {@code c} is {@code 0-9 A-F a-f}: {@code java.net.URI} takes no other char in an
   * escape, not even the digits of other scripts that {@code Character.digit} reads.
   */
  private static boolean asciiHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
  }

  private static TaskRouterApi.Request toApiRequest(Request request, String target) {
    HttpMethod method = request.getMethod();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : request.getHeaderParams().entrySet()) {
      headers.put(e.getKey(), List.copyOf(e.getValue()));
    }
    String auth = request.getAuthString();
    if (auth != null && !auth.isEmpty()) {
      headers.put("Authorization", List.of(auth));
    }
    byte[] body = new byte[0];
    if (method == HttpMethod.POST || method == HttpMethod.PUT) {
      EnumConstants.ContentType type = request.getContentType();
      if (type == null || type == EnumConstants.ContentType.FORM_URLENCODED) {
        headers.put("Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8"));
        body = request.encodeFormBody().getBytes(StandardCharsets.UTF_8);
      } else {
        headers.put("Content-Type", List.of(type.getValue()));
        String text = request.getBody();
        body = text == null ? body : text.getBytes(StandardCharsets.UTF_8);
      }
    }
    return new TaskRouterApi.Request(method.toString(), target, headers, body);
  }
}
