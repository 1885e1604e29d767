package dev.reservations.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.http.SpecConformance;
import dev.reservations.http.TaskRouterServer;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The two ways a twilio-java test reaches the engine: in process through {@link EngineHttpClient},
 * or over loopback through {@link TaskRouterServer} with twilio-java's own {@link
 * NetworkHttpClient}, its TaskRouter origin rewritten to the server's. Either way every response
 * body is checked by {@link SpecConformance} before twilio-java reads it.
 */
enum Transport {
  IN_PROCESS,
  LOOPBACK;

  /** A client on {@code engine} and what to close after the test. */
  record Connection(TwilioRestClient client, @Nullable TaskRouterServer server)
      implements AutoCloseable {
    @Override
    public void close() {
      if (server != null) {
        server.close();
      }
    }
  }

  Connection connect(ReservationEngine engine) {
    return connect(engine, null);
  }

  Connection connect(ReservationEngine engine, @Nullable String authToken) {
    String account = engine.accountSid().toString();
    if (this == IN_PROCESS) {
      return new Connection(
          new TwilioRestClient.Builder(account, "x")
              .httpClient(new Checked(new EngineHttpClient(engine)))
              .build(),
          null);
    }
    TaskRouterServer.Builder builder = TaskRouterServer.builder(engine).port(0);
    if (authToken != null) {
      builder.authToken(authToken);
    }
    TaskRouterServer server = builder.start();
    return new Connection(
        new TwilioRestClient.Builder(account, authToken == null ? "x" : authToken)
            .httpClient(new Checked(new Loopback(server.baseUri().toString())))
            .build(),
        server);
  }

  /** Checks every response body against the spec. */
  static final class Checked extends HttpClient {
    private final HttpClient inner;

    Checked(HttpClient inner) {
      this.inner = inner;
    }

    @Override
    public Response makeRequest(Request request) {
      Response response = inner.makeRequest(request);
      String content = response.getContent();
      SpecConformance.get()
          .check(
              request.getMethod().toString(),
              request.constructURL().getPath(),
              response.getStatusCode(),
              content);
      return new Response(content, response.getStatusCode(), response.getHeaders());
    }
  }

  /** twilio-java's network client, sent to the loopback server instead of TaskRouter. */
  static final class Loopback extends NetworkHttpClient {
    private final String origin;

    Loopback(String origin) {
      this.origin = origin;
    }

    @Override
    public Response makeRequest(Request request) {
      String url = request.getUrl().replace("https://taskrouter.twilio.com", origin);
      URL target = new Request(request.getMethod(), url).constructURL();
      if (!target.getHost().equals("127.0.0.1")) {
        throw new IllegalStateException("a test request must stay on loopback: " + url);
      }
      Request copy = new Request(request.getMethod(), url);
      copy(request.getQueryParams(), copy::addQueryParam);
      copy(request.getPostParams(), copy::addPostParam);
      copy(request.getHeaderParams(), copy::addHeaderParam);
      if (request.getAuthStrategy() != null) {
        copy.setAuth(request.getAuthStrategy());
      } else if (request.getUsername() != null) {
        copy.setAuth(request.getUsername(), request.getPassword());
      }
      if (request.getContentType() != null) {
        copy.setContentType(request.getContentType());
      }
      return super.makeRequest(copy);
    }

    private static void copy(
        Map<String, List<String>> from, java.util.function.BiConsumer<String, String> to) {
      for (Map.Entry<String, List<String>> e : from.entrySet()) {
        for (String v : e.getValue()) {
          to.accept(e.getKey(), v);
        }
      }
    }
  }
}
