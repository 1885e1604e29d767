package dev.reservations.benchmarks;

import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import dev.reservations.core.Reservation;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.http.TaskRouterApi;
import dev.reservations.json.TaskRouterJson;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import dev.reservations.twilio.EngineHttpClient;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where the time of {@link HttpBenchmark}'s in-process list page goes, step by step, on the same
 * engine and page (a worker's 60-reservation history, its first 50 items, 46,634 bytes of JSON):
 * twilio-java's own request, and with its {@code constructURL}, which {@code EngineHttpClient}
 * now skips for a plain request; the engine's page; the JSON written to a stream with no copy kept, and to a
 * {@code String}; {@code TaskRouterApi.handle}; and the whole request. {@link #newString} is the
 * floor of any in-process answer: twilio-java's {@code Response} takes its body as a {@code
 * String}, which is a copy of 46,634 bytes into new memory.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar HttpFloorBenchmark -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class HttpFloorBenchmark {
  private static final WorkspaceSid WS = new WorkspaceSid(0x1234_5678_9abc_def0L, 0x0fed_cba9L);
  private static final WorkerSid HISTORY = new WorkerSid(0x2222_3333_4444_5555L, 0x6666_7777L);
  private static final String LIST_PATH =
      "/v1/Workspaces/" + WS + "/Workers/" + HISTORY + "/Reservations";

  private final MutableClock clock = new MutableClock();
  private final ReservationEngine engine = ReservationEngine.builder().seed(Dataset.SEED)
      .clock(clock).reservationTimeout(Duration.ofDays(30)).build();
  private final ReservationQuery query = ReservationQuery.forWorker(WS, HISTORY).withPageSize(50);
  private final TaskRouterJson json = TaskRouterJson.create();
  private final TaskRouterApi api = TaskRouterApi.create(engine);
  private final EngineHttpClient client = new EngineHttpClient(engine);
  private final OutputStream nowhere = OutputStream.nullOutputStream();
  private Page<Reservation> page;
  private byte[] bytes;

  @Setup(Level.Trial)
  public void start() {
    History.make(engine, clock, WS, HISTORY, i -> new TaskSid(0x7777, i));
    page = engine.list(query);
    bytes = json.writePage(page).getBytes(StandardCharsets.UTF_8);
    if (!client.makeRequest(request()).getContent().equals(json.writePage(page))) {
      throw new IllegalStateException("the in-process answer is not the page's JSON");
    }
  }

  private static Request request() {
    Request request = new Request(HttpMethod.GET, "taskrouter", LIST_PATH);
    request.addQueryParam("PageSize", "50");
    return request;
  }

  /** twilio-java's request alone, as {@code listPage} makes it. */
  @Benchmark
  public Request twilioRequest() {
    return request();
  }

  /**
   * twilio-java's request and its {@code constructURL}, which {@code EngineHttpClient} calls only
   * for a request with a region, an edge or a char twilio-java encodes: what it saves the others.
   */
  @Benchmark
  public URL twilioRequestUrl() {
    return request().constructURL();
  }

  /** The engine's page: 50 reservations and the links. */
  @Benchmark
  public Page<Reservation> engineList() {
    return engine.list(query);
  }

  /** The page's JSON written to a stream that keeps nothing: no copy of the bytes. */
  @Benchmark
  public OutputStream writePageBytes() {
    json.writePage(page, nowhere);
    return nowhere;
  }

  /** The page's JSON as a {@code String}, as the in-process answer needs it. */
  @Benchmark
  public String writePageString() {
    return json.writePage(page);
  }

  /** A {@code String} of the page's bytes: a copy into new memory, the floor of any answer. */
  @Benchmark
  public String newString() {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** The API's whole answer to the list request, without twilio-java. */
  @Benchmark
  public String apiHandle() {
    return api.handle(TaskRouterApi.Request.get(LIST_PATH + "?PageSize=50")).bodyText();
  }

  /** The whole in-process request, as {@code HttpBenchmark.listPage} sends it. */
  @Benchmark
  public String inProcess() {
    return client.makeRequest(request()).getContent();
  }
}
