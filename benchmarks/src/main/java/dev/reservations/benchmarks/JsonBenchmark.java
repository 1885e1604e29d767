package dev.reservations.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.reservations.core.Reservation;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.json.TaskRouterJson;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
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
 * TaskRouter wire JSON of one 50-item page: {@link TaskRouterJson} writing it and reading it back,
 * against Jackson databind serialising equivalent POJOs (the same fields, names and values,
 * dates formatted as the wire has them) into the same reused buffer: once with the POJOs built
 * beforehand, once building them from the page's records as a databind user must. The page's
 * size in bytes is printed in setup, so bytes per second = size / time per operation.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar JsonBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-XX:+AlwaysPreTouch", "-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Benchmark)
public class JsonBenchmark {
  private static final String BASE = "https://taskrouter.twilio.com";

  private final TaskRouterJson json = TaskRouterJson.create();
  private final ObjectMapper mapper = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(64 * 1024);
  private Page<Reservation> page;
  private PagePojo pojo;
  private byte[] bytes;

  @Setup(Level.Trial)
  public void setUp() {
    MutableClock clock = new MutableClock();
    ReservationEngine engine = ReservationEngine.builder().seed(Dataset.SEED).clock(clock)
        .build();
    WorkspaceSid ws = new WorkspaceSid(0x1234_5678_9abc_def0L, 0x0fed_cba9_8765_4321L);
    WorkerSid worker = new WorkerSid(0x2222_3333_4444_5555L, 0x6666_7777_8888_9999L);
    History.make(engine, clock, ws, worker, i -> new TaskSid(0x7777, i));
    page = engine.list(ReservationQuery.forWorker(ws, worker).withPageSize(50));
    pojo = PagePojo.of(page);
    bytes = json.writePage(page).getBytes(StandardCharsets.UTF_8);
    System.out.printf("%npage of %d reservations: %,d bytes (TaskRouterJson), %,d bytes "
        + "(databind)%n", page.items().size(), bytes.length, databindBytes().length);
  }

  private byte[] databindBytes() {
    try {
      return mapper.writeValueAsBytes(pojo);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Benchmark
  public int writeTaskRouterJson() {
    buffer.reset();
    json.writePage(page, buffer);
    return buffer.size();
  }

  @Benchmark
  public int writeDatabindPojos() throws IOException {
    buffer.reset();
    mapper.writeValue(buffer, pojo);
    return buffer.size();
  }

  /** What a databind user pays per page: building the POJOs from the records, then writing. */
  @Benchmark
  public int writeDatabindFromPage() throws IOException {
    buffer.reset();
    mapper.writeValue(buffer, PagePojo.of(page));
    return buffer.size();
  }

  @Benchmark
  public Page<Reservation> readTaskRouterJson() {
    return json.readPage(new ByteArrayInputStream(bytes));
  }

  /** The page as plain objects, for databind; field names become the wire's snake case. */
  public static final class PagePojo {
    public MetaPojo meta;
    public List<ReservationPojo> reservations;

    static PagePojo of(Page<Reservation> page) {
      PagePojo p = new PagePojo();
      p.meta = new MetaPojo();
      p.meta.firstPageUrl = BASE + page.firstPage().toUri();
      p.meta.key = page.key();
      p.meta.nextPageUrl = page.nextPage().map(q -> BASE + q.toUri()).orElse(null);
      p.meta.page = page.pageIndex();
      p.meta.pageSize = page.pageSize();
      p.meta.previousPageUrl = page.previousPage().map(q -> BASE + q.toUri()).orElse(null);
      p.meta.url = BASE + page.query().toUri();
      p.reservations = new ArrayList<>();
      for (Reservation r : page.items()) {
        ReservationPojo x = new ReservationPojo();
        String ws = BASE + "/v1/Workspaces/" + r.workspaceSid();
        x.accountSid = r.accountSid().toString();
        x.dateCreated = r.dateCreated().truncatedTo(ChronoUnit.SECONDS).toString();
        x.dateUpdated = r.dateUpdated().truncatedTo(ChronoUnit.SECONDS).toString();
        x.links = new LinksPojo();
        x.links.task = ws + "/Tasks/" + r.taskSid();
        x.links.worker = ws + "/Workers/" + r.workerSid();
        x.links.workspace = ws;
        x.reservationStatus = r.status().wireName();
        x.sid = r.sid().toString();
        x.taskSid = r.taskSid().toString();
        x.url = ws + "/Workers/" + r.workerSid() + "/Reservations/" + r.sid();
        x.workerName = r.workerName();
        x.workerSid = r.workerSid().toString();
        x.workspaceSid = r.workspaceSid().toString();
        p.reservations.add(x);
      }
      return p;
    }
  }

  /** {@code meta}. */
  public static final class MetaPojo {
    public String firstPageUrl;
    public String key;
    public String nextPageUrl;
    public int page;
    public int pageSize;
    public String previousPageUrl;
    public String url;
  }

  /** One reservation. */
  public static final class ReservationPojo {
    public String accountSid;
    public String dateCreated;
    public String dateUpdated;
    public LinksPojo links;
    public String reservationStatus;
    public String sid;
    public String taskSid;
    public String url;
    public String workerName;
    public String workerSid;
    public String workspaceSid;
  }

  /** {@code links}. */
  public static final class LinksPojo {
    public String task;
    public String worker;
    public String workspace;
  }
}
