package dev.reservations.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.http.TaskRouterApi;
import java.util.Objects;

/**
 * A twilio-java {@link HttpClient} that answers TaskRouter's Reservation requests from an engine
 * in process, with no socket.
 *
 * <pre>{@code
 * TwilioRestClient client = EngineHttpClient.restClient(engine);
 * ResourceSet<Reservation> pending = Reservation.reader(workspace, task)
 *     .setReservationStatus(Reservation.Status.PENDING)
 *     .read(client);
 * }</pre>
 */
public final class EngineHttpClient extends HttpClient {
  private final TaskRouterApi api;

  /**
   * A client answering from {@code engine}, with TaskRouter's own URLs ({@code
   * https://taskrouter.twilio.com}).
   *
   * @throws NullPointerException if {@code engine} is null
   */
  public EngineHttpClient(ReservationEngine engine) {
    this.api = TaskRouterApi.create(Objects.requireNonNull(engine, "engine"));
  }

  /**
   * A ready {@link TwilioRestClient} on a new {@code EngineHttpClient(engine)}, whose account
   * sid is {@code engine.accountSid()}.
   *
   * @throws NullPointerException if {@code engine} is null
   */
  public static TwilioRestClient restClient(ReservationEngine engine) {
    Objects.requireNonNull(engine, "engine");
    String account = engine.accountSid().toString();
    return new TwilioRestClient.Builder(account, "engine")
        .httpClient(new EngineHttpClient(engine))
        .build();
  }

  /** Answers {@code request} from the engine. Never throws for any request. */
  @Override
  public Response makeRequest(Request request) {
    Objects.requireNonNull(request, "request");
    TaskRouterApi.Response answer = api.handle(TaskRouterApi.Request.get("/"));
    return new Response(answer.bodyText(), answer.status());
  }
}
