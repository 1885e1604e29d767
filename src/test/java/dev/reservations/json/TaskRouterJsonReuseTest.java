package dev.reservations.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.reservations.core.AccountSid;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationSid;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A thread's writes after its earlier ones: each is byte for byte what jackson-core's generator
 * writes for the same page or reservation, built here from the fields alone (not from the writer's
 * parts), whatever the thread wrote before, on which adapter, and however that write ended.
 */
class TaskRouterJsonReuseTest {
  private static final JsonFactory JACKSON = new JsonFactory();

  private static final String ASCII_BASE = "http://localhost:8080";

  /** A base URL whose escaped bytes are not all ASCII, and one with a surrogate pair escaped. */
  private static final String WIDE_BASE = "https://example.com/t\u00e2che/\ud83d\ude00";

  private static final WorkspaceSid WORKSPACE = new WorkspaceSid(5, 5);

  /** A task and a worker with the same 128 bits: a list key equal but for its type. */
  private static final TaskSid TASK = new TaskSid(9, 1);

  private static final WorkerSid WORKER = new WorkerSid(9, 1);

  private static final Instant DAY = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  void writes_anyMixOnOneThread_areEachWhatJacksonWrites() throws Exception {
    List<TaskRouterJson> adapters =
        List.of(
            TaskRouterJson.create(ASCII_BASE),
            TaskRouterJson.create(WIDE_BASE),
            TaskRouterJson.create("https://example.com/taskrouter"),
            TaskRouterJson.create(ASCII_BASE + "/")); // another adapter, an equal base URL
    Random random = new Random(53);
    for (int op = 0; op < 3_000; op++) {
      TaskRouterJson json = adapters.get(random.nextInt(10) < 7 ? 0 : random.nextInt(4));
      String at = "op " + op + " on " + json.baseUrl();
      int kind = random.nextInt(8);
      if (kind == 7) {
        // a page write whose stream fails, then one nested in the stream of another
        Page<Reservation> page = page(random);
        assertThrows(UncheckedIOException.class, () -> json.writePage(page, failing()), at);
        TaskRouterJson inner = adapters.get(random.nextInt(4));
        Page<Reservation> innerPage = page(random);
        Reservation r = reservation(random);
        List<String> nested = new ArrayList<>();
        ByteArrayOutputStream outer =
            new ByteArrayOutputStream() {
              @Override
              public synchronized void write(byte[] b, int off, int len) {
                nested.add(inner.writePage(innerPage));
                nested.add(inner.writeWorkerReservation(r));
                super.write(b, off, len);
              }
            };
        json.writePage(page, outer);
        assertEquals(expected(json, page), outer.toString(StandardCharsets.UTF_8), at);
        assertEquals(
            List.of(expected(inner, innerPage), expected(inner, r, false)), nested, "nested " + at);
      } else if (kind >= 5) {
        Reservation r = reservation(random);
        boolean taskPath = kind == 5;
        String written = taskPath ? json.writeTaskReservation(r) : json.writeWorkerReservation(r);
        assertEquals(expected(json, r, taskPath), written, at);
      } else {
        Page<Reservation> page = random.nextInt(200) == 0 ? largePage(random) : page(random);
        assertEquals(expected(json, page), written(json, page, kind % 3), at);
      }
    }
  }

  /**
   * The cases named one by one: a task list after a worker list whose worker has the task's bits,
   * single reservations of both paths in between, and a page after one whose stream failed.
   */
  @Test
  void writePage_taskListAfterWorkerListOfTheSameBits_writesTaskUrls() throws Exception {
    TaskRouterJson json = TaskRouterJson.create(ASCII_BASE);
    Reservation r =
        new Reservation(
            new ReservationSid(1, 2),
            new AccountSid(3, 4),
            WORKSPACE,
            TASK,
            WORKER,
            "w",
            ReservationStatus.PENDING,
            DAY,
            DAY,
            0);
    Page<Reservation> workerPage =
        Page.of(ReservationQuery.forWorker(WORKSPACE, WORKER), List.of(r, r), null, null);
    Page<Reservation> taskPage =
        Page.of(ReservationQuery.forTask(WORKSPACE, TASK), List.of(r, r), null, null);
    assertEquals(expected(json, workerPage), json.writePage(workerPage));
    assertEquals(expected(json, taskPage), json.writePage(taskPage));
    assertEquals(expected(json, r, false), json.writeWorkerReservation(r));
    assertEquals(expected(json, r, true), json.writeTaskReservation(r));
    assertEquals(expected(json, workerPage), json.writePage(workerPage));
    assertThrows(UncheckedIOException.class, () -> json.writePage(taskPage, failing()));
    assertEquals(expected(json, r, false), json.writeWorkerReservation(r));
    assertEquals(expected(json, taskPage), written(json, taskPage, 2));
  }

  /** {@code page} written by {@code json} to one of its three targets. */
  private static String written(TaskRouterJson json, Page<Reservation> page, int target) {
    switch (target) {
      case 0:
        return json.writePage(page);
      case 1:
        StringWriter chars = new StringWriter();
        json.writePage(page, chars);
        return chars.toString();
      default:
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        json.writePage(page, bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  private static OutputStream failing() {
    return new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("full");
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        throw new IOException("full");
      }
    };
  }

  /**
   * A random page of a few random rows from small pools, so that accounts, workspaces, workers,
   * tasks, names and statuses repeat and change; the rows need not match the page's query.
   */
  private static Page<Reservation> page(Random random) {
    ReservationQuery query =
        random.nextBoolean()
            ? ReservationQuery.forTask(
                pick(random, WORKSPACE, new WorkspaceSid(5, 6)), task(random))
            : ReservationQuery.forWorker(
                pick(random, WORKSPACE, new WorkspaceSid(5, 6)), worker(random));
    if (random.nextInt(3) == 0) {
      query = query.withStatus(pick(random, ReservationStatus.values()));
    }
    query = query.withPageSize(20).withPage(random.nextInt(3));
    List<Reservation> items = new ArrayList<>();
    for (int i = random.nextInt(9); i > 0; i--) {
      items.add(reservation(random));
    }
    return Page.of(
        query,
        items,
        random.nextBoolean() ? query.withPage(query.page() + 1) : null,
        query.page() > 0 ? query.withPage(query.page() - 1) : null);
  }

  /** A page over the thread's largest spare buffer. */
  private static Page<Reservation> largePage(Random random) {
    List<Reservation> items = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Reservation r = reservation(random);
      items.add(
          new Reservation(
              r.sid(),
              r.accountSid(),
              r.workspaceSid(),
              r.taskSid(),
              r.workerSid(),
              "n".repeat(1500),
              r.status(),
              r.dateCreated(),
              r.dateUpdated(),
              0));
    }
    return Page.of(
        ReservationQuery.forWorker(WORKSPACE, WORKER).withPageSize(1000), items, null, null);
  }

  private static Reservation reservation(Random random) {
    Instant created =
        switch (random.nextInt(12)) {
          case 0 -> Instant.parse("+12026-03-01T10:00:00Z");
          case 1 -> Instant.parse("-0001-12-31T23:59:59Z");
          case 2 -> Instant.ofEpochSecond(-1 - random.nextInt(100_000), 999_999_999);
          default -> DAY.plusSeconds(random.nextInt(200_000)).plusNanos(random.nextInt(1000));
        };
    return new Reservation(
        new ReservationSid(random.nextLong(), random.nextLong()),
        pick(random, new AccountSid(3, 4), new AccountSid(3, 5)),
        pick(random, WORKSPACE, new WorkspaceSid(5, 6)),
        task(random),
        worker(random),
        pick(random, "w", "w", "w", "Zo\u00eb \"z\"", "\ud83d\ude00 \\x\n", ""),
        pick(random, ReservationStatus.values()),
        created,
        random.nextBoolean() ? created : created.plusSeconds(random.nextInt(90)),
        random.nextInt(4));
  }

  private static TaskSid task(Random random) {
    return pick(random, TASK, TASK, new TaskSid(9, 2));
  }

  private static WorkerSid worker(Random random) {
    return pick(random, WORKER, WORKER, new WorkerSid(9, 3));
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... values) {
    return values[random.nextInt(values.length)];
  }

  /** {@return the page as jackson-core's UTF-8 generator writes it, built from its fields} */
  private static String expected(TaskRouterJson json, Page<Reservation> page) throws IOException {
    String base = json.baseUrl();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JACKSON.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartObject();
      g.writeObjectFieldStart("meta");
      g.writeStringField("first_page_url", base + page.firstPage().toUri());
      g.writeStringField("key", page.key());
      link(g, "next_page_url", base, page.nextPage());
      g.writeNumberField("page", page.pageIndex());
      g.writeNumberField("page_size", page.pageSize());
      link(g, "previous_page_url", base, page.previousPage());
      g.writeStringField("url", base + page.query().toUri());
      g.writeEndObject();
      g.writeArrayFieldStart("reservations");
      for (Reservation r : page.items()) {
        row(g, base, r, page.query().isTaskList());
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** {@return the reservation alone as jackson-core's UTF-8 generator writes it} */
  private static String expected(TaskRouterJson json, Reservation r, boolean taskPath)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator g = JACKSON.createGenerator(out, JsonEncoding.UTF8)) {
      row(g, json.baseUrl(), r, taskPath);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void link(
      JsonGenerator g, String field, String base, Optional<ReservationQuery> link)
      throws IOException {
    if (link.isPresent()) {
      g.writeStringField(field, base + link.get().toUri());
    } else {
      g.writeNullField(field);
    }
  }

  private static void row(JsonGenerator g, String base, Reservation r, boolean taskPath)
      throws IOException {
    String workspace = base + "/v1/Workspaces/" + r.workspaceSid();
    g.writeStartObject();
    g.writeStringField("account_sid", r.accountSid().toString());
    g.writeStringField("date_created", date(r.dateCreated()));
    g.writeStringField("date_updated", date(r.dateUpdated()));
    g.writeObjectFieldStart("links");
    g.writeStringField("task", workspace + "/Tasks/" + r.taskSid());
    g.writeStringField("worker", workspace + "/Workers/" + r.workerSid());
    g.writeStringField("workspace", workspace);
    g.writeEndObject();
    g.writeStringField("reservation_status", r.status().wireName());
    g.writeStringField("sid", r.sid().toString());
    g.writeStringField("task_sid", r.taskSid().toString());
    g.writeStringField(
        "url",
        workspace
            + (taskPath ? "/Tasks/" + r.taskSid() : "/Workers/" + r.workerSid())
            + "/Reservations/"
            + r.sid());
    g.writeStringField("worker_name", r.workerName());
    g.writeStringField("worker_sid", r.workerSid().toString());
    g.writeStringField("workspace_sid", r.workspaceSid().toString());
    g.writeEndObject();
  }

  /** TaskRouter's date: whole seconds, truncated towards the past, in ISO-8601. */
  private static String date(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(instant.getEpochSecond()));
  }
}
