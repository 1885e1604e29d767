package dev.reservations.benchmarks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import dev.reservations.core.Reservation;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.http.TaskRouterServer;
import dev.reservations.twilio.EngineHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * The requests of the HTTP benchmarks, sent to one {@link HttpTarget}: a 50-item list page (the
 * first page of a worker's 60-reservation history, 50 items, about 40 KB) and an update (a
 * pending reservation rejected by a form POST, about 1 KB back).
 *
 * <p>In process, both requests are twilio-java {@link Request}s answered by {@link
 * EngineHttpClient}. Over loopback, both go through one keep-alive {@code java.net.http} client
 * (HTTP/1.1), to {@link TaskRouterServer}, which builds the page from the engine on each
 * request, or to WireMock, which serves the bytes the loopback server gave for the same request,
 * matched by exact URL. Each update rejects a new pending reservation (of its own task, for one
 * of 1,024 workers in turn, a microsecond after the last); a pool of them is made
 * before each iteration, outside the measurement, and an update that finds the pool empty makes
 * its own (counted, printed at the end of the trial: only a first iteration should).
 */
@State(Scope.Benchmark)
public class HttpRivals {
  private static final WorkspaceSid WS = new WorkspaceSid(0x1234_5678_9abc_def0L, 0x0fed_cba9L);
  private static final WorkerSid HISTORY = new WorkerSid(0x2222_3333_4444_5555L, 0x6666_7777L);
  /** The workers of the reservations to update: 1,024, taken in turn. */
  private static final int UPDATED_WORKERS = 1_024;

  private static final String LIST_PATH =
      "/v1/Workspaces/" + WS + "/Workers/" + HISTORY + "/Reservations";
  private static final String LIST_TARGET = LIST_PATH + "?PageSize=50";

  @Param({"IN_PROCESS", "LOOPBACK", "WIREMOCK"})
  public HttpTarget target;

  private final MutableClock clock = new MutableClock();
  private final ReservationEngine engine = ReservationEngine.builder().seed(Dataset.SEED)
      .clock(clock).reservationTimeout(Duration.ofDays(30)).build();
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger madeInline = new AtomicInteger();
  private List<Reservation> pool = List.of();
  private long tasks;
  private @Nullable TaskRouterServer server;
  private @Nullable WireMockServer wireMock;
  private @Nullable HttpClient http;
  private final EngineHttpClient inProcess = new EngineHttpClient(engine);
  private @Nullable HttpRequest listRequest;
  private @Nullable String updateBody;

  @Setup(Level.Trial)
  public void start() throws IOException, InterruptedException {
    History.make(engine, clock, WS, HISTORY, i -> task());
    if (target != HttpTarget.IN_PROCESS) {
      http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5)).build();
      server = TaskRouterServer.start(engine, 0);
      listRequest = HttpRequest.newBuilder(URI.create(server.baseUri() + LIST_TARGET)).GET()
          .build();
    }
    if (target == HttpTarget.WIREMOCK) {
      // The canned copy: the loopback server's own answers to the same requests.
      String page = send(listRequest);
      Reservation r = reserveToUpdate();
      updateBody = send(updateRequest(server.baseUri(), taskPath(r)));
      server.close();
      server = null;
      wireMock = new WireMockServer(WireMockConfiguration.options()
          .bindAddress("127.0.0.1")
          .dynamicPort()
          .disableRequestJournal()
          .stubRequestLoggingDisabled(true)
          .notifier(new ConsoleNotifier(false))
          .containerThreads(16)
          .jettyAcceptors(1)
          .asynchronousResponseEnabled(false)
          .gzipDisabled(true)
          .templatingEnabled(false)
          .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER));
      wireMock.start();
      wireMock.stubFor(get(urlEqualTo(LIST_TARGET)).willReturn(aResponse().withStatus(200)
          .withHeader("Content-Type", "application/json").withBody(page)));
      wireMock.stubFor(post(urlEqualTo(cannedUpdatePath())).willReturn(aResponse()
          .withStatus(200).withHeader("Content-Type", "application/json")
          .withBody(updateBody)));
      listRequest = HttpRequest.newBuilder(URI.create(wireMock.baseUrl() + LIST_TARGET)).GET()
          .build();
    }
    System.out.printf("%n%s: list page of %,d bytes, update answer of %,d bytes%n", target,
        listPage().length(), update().length());
  }

  /**
   * A fresh pool of pending reservations to reject before each iteration of the update: twice
   * as many as the previous iteration used, at least 20,000; none for the list page, nor for
   * WireMock, which changes nothing.
   */
  @Setup(Level.Iteration)
  public void fillPool(BenchmarkParams params) {
    int size = Math.max(20_000, 2 * next.get());
    if (target == HttpTarget.WIREMOCK || !params.getBenchmark().endsWith(".update")) {
      size = 0;
    }
    List<Reservation> fresh = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      fresh.add(reserveToUpdate());
    }
    pool = fresh;
    next.set(0);
    madeInline.set(0);
  }

  @TearDown(Level.Trial)
  public void stop() {
    if (server != null) {
      server.close();
    }
    if (wireMock != null) {
      wireMock.stop();
    }
    if (madeInline.get() > 0) {
      System.out.printf("%n%s: %,d updates of the last iteration found the pool empty%n", target,
          madeInline.get());
    }
  }

  /** GETs the list page; returns its body. */
  public String listPage() throws IOException, InterruptedException {
    if (target == HttpTarget.IN_PROCESS) {
      Request request = new Request(HttpMethod.GET, "taskrouter", LIST_PATH);
      request.addQueryParam("PageSize", "50");
      return content(inProcess.makeRequest(request));
    }
    return send(listRequest);
  }

  /** POSTs {@code ReservationStatus=rejected} for the next pending reservation; returns the body. */
  public String update() throws IOException, InterruptedException {
    switch (target) {
      case IN_PROCESS: {
        Request request = new Request(HttpMethod.POST, "taskrouter", taskPath(nextPending()));
        request.addPostParam("ReservationStatus", "rejected");
        return content(inProcess.makeRequest(request));
      }
      case LOOPBACK:
        return send(updateRequest(server.baseUri(), taskPath(nextPending())));
      case WIREMOCK:
        return send(updateRequest(URI.create(wireMock.baseUrl()), cannedUpdatePath()));
      default:
        throw new AssertionError(target);
    }
  }

  private Reservation nextPending() {
    int i = next.getAndIncrement();
    if (i < pool.size()) {
      return pool.get(i);
    }
    madeInline.incrementAndGet();
    return reserveToUpdate();
  }

  /**
   * A new pending reservation for an update: of a new task, for the next of {@link
   * #UPDATED_WORKERS} workers, a microsecond after the last one, so that each worker's lists stay
   * short and in creation order, as in a test, and an update is not a walk through one worker's
   * hundreds of thousands of reservations made at one instant (SameInstantBenchmark and
   * ExpireSkewBenchmark measure those).
   */
  private synchronized Reservation reserveToUpdate() {
    clock.advanceNanos(1_000);
    WorkerSid worker =
        new WorkerSid(0x2222_3333_4444_5555L, 0x6666_8888L + tasks % UPDATED_WORKERS);
    return engine.reserve(WS, task(), worker, "Ursula");
  }

  private synchronized TaskSid task() {
    return new TaskSid(0x7777, tasks++);
  }

  private static String cannedUpdatePath() {
    return "/v1/Workspaces/" + WS + "/Tasks/WT" + "1".repeat(32) + "/Reservations/WR"
        + "2".repeat(32);
  }

  private static String taskPath(Reservation r) {
    return "/v1/Workspaces/" + r.workspaceSid() + "/Tasks/" + r.taskSid() + "/Reservations/"
        + r.sid();
  }

  private static HttpRequest updateRequest(URI base, String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("ReservationStatus=rejected")).build();
  }

  private String send(HttpRequest request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
          + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static String content(Response response) {
    if (response.getStatusCode() != 200) {
      throw new UncheckedIOException(new IOException("in process answered "
          + response.getStatusCode() + ": " + response.getContent()));
    }
    return response.getContent();
  }
}
