package dev.reservations.http;

import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationConflictException;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.json.TaskRouterJson;
import dev.reservations.text.Echo;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The control endpoints under {@code /__admin/}, for tests in any language: seed reservations,
 * cancel a task, move a manual clock, read the event log. {@link TaskRouterServer}'s javadoc is
 * their contract.
 *
 * <p>Layout: the API's engine, JSON adapter, and its optional clock and log; no state of its own.
 * Invariant: a refused request has not called the engine (but {@code expireDue} before an events
 * read, which only applies what is due).
 */
final class AdminEndpoints {
  /** The latest instant the clock may be moved to; the engine's range ends in 2262. */
  static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

  /** The longest seeded timeout, one year, so a deadline stays inside the engine's range. */
  static final int MAX_TIMEOUT_SECONDS = 31_536_000;

  /** The most events one read returns. */
  static final int EVENTS_PER_READ = 1_000;

  private static final List<String> SEED_PARAMETERS =
      List.of("WorkspaceSid", "TaskSid", "WorkerSid", "WorkerName", "Timeout");

  private final ReservationEngine engine;
  private final TaskRouterJson json;
  private final @Nullable ManualClock clock;
  private final @Nullable EventLog eventLog;

  AdminEndpoints(
      ReservationEngine engine,
      TaskRouterJson json,
      @Nullable ManualClock clock,
      @Nullable EventLog eventLog) {
    this.engine = engine;
    this.json = json;
    this.clock = clock;
    this.eventLog = eventLog;
  }

  TaskRouterApi.Response handle(
      TaskRouterApi.Request request, String path, String[] seg, String query) {
    if (seg.length == 3 && seg[2].equals("Reservations")) {
      TaskRouterApi.requireMethod(request, "POST");
      noQuery(query);
      return seed(TaskRouterApi.readForm(request));
    }
    if (seg.length == 5 && seg[2].equals("Tasks") && seg[4].equals("Cancel")) {
      TaskSid task;
      try {
        task = TaskSid.parse(seg[3]);
      } catch (IllegalArgumentException e) {
        throw ApiError.notFound(path);
      }
      TaskRouterApi.requireMethod(request, "POST");
      noQuery(query);
      TaskRouterApi.readForm(request).checkNames(List.of(), "cancel parameter");
      return cancel(task);
    }
    if (seg.length == 3 && seg[2].equals("Clock")) {
      TaskRouterApi.requireMethod(request, "POST");
      noQuery(query);
      return moveClock(TaskRouterApi.readForm(request));
    }
    if (seg.length == 3 && seg[2].equals("Events")) {
      TaskRouterApi.requireMethod(request, "GET");
      return events(UrlForm.parse(query));
    }
    throw ApiError.notFound(path);
  }

  private TaskRouterApi.Response seed(UrlForm form) {
    form.checkNames(SEED_PARAMETERS, "seed parameter");
    WorkspaceSid workspace = required(form, "WorkspaceSid", WorkspaceSid::parse);
    TaskSid task = required(form, "TaskSid", TaskSid::parse);
    WorkerSid worker = required(form, "WorkerSid", WorkerSid::parse);
    String name = required(form, "WorkerName", Function.identity());
    Optional<String> timeoutText = form.last("Timeout");
    Integer timeout = null;
    if (timeoutText.isPresent()) {
      timeout = TaskRouterApi.integer("Timeout", timeoutText.get());
      if (timeout < 1 || timeout > MAX_TIMEOUT_SECONDS) {
        throw ApiError.badRequest(
            String.format(
                Locale.ROOT,
                "Timeout must be between 1 and %d seconds: %d",
                MAX_TIMEOUT_SECONDS,
                timeout));
      }
    }
    Reservation r;
    try {
      r =
          timeout == null
              ? engine.reserve(workspace, task, worker, name)
              : engine.reserve(workspace, task, worker, name, Duration.ofSeconds(timeout));
    } catch (ReservationConflictException e) {
      throw new ApiError(409, ApiError.CONFLICT, String.valueOf(e.getMessage()));
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(String.valueOf(e.getMessage()));
    }
    return TaskRouterApi.json(201, json.writeTaskReservation(r), r.version());
  }

  private TaskRouterApi.Response cancel(TaskSid task) {
    List<Reservation> canceled;
    try {
      canceled = engine.cancelTask(task);
    } catch (ReservationConflictException e) {
      throw new ApiError(409, ApiError.CONFLICT, String.valueOf(e.getMessage()));
    }
    StringBuilder out = new StringBuilder(64 + 700 * canceled.size());
    out.append("{\"reservations\":[");
    for (int i = 0; i < canceled.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(json.writeTaskReservation(canceled.get(i)));
    }
    out.append("]}");
    return TaskRouterApi.json(200, out.toString(), null);
  }

  private TaskRouterApi.Response moveClock(UrlForm form) {
    ManualClock manual = clock;
    if (manual == null) {
      throw new ApiError(
          409,
          ApiError.CONFLICT,
          "the clock is not manual: start the server with --clock manual, or give "
              + "TaskRouterServer.Builder.clock the engine's ManualClock");
    }
    form.checkNames(List.of("Advance", "Now"), "clock parameter");
    Optional<String> advance = form.last("Advance");
    Optional<String> now = form.last("Now");
    if (advance.isPresent() == now.isPresent()) {
      throw ApiError.badRequest(
          "a clock move takes exactly one of Advance (an ISO-8601 duration, such as PT30S) and "
              + "Now (an ISO-8601 instant)");
    }
    Instant moved;
    synchronized (manual) {
      Instant target;
      if (advance.isPresent()) {
        Duration amount;
        try {
          amount = Duration.parse(advance.get());
        } catch (DateTimeException e) {
          throw ApiError.badRequest(
              "Advance must be an ISO-8601 duration, such as PT30S: " + Echo.of(advance.get()));
        }
        if (amount.isNegative()) {
          throw ApiError.badRequest("Advance must be zero or more: " + Echo.of(advance.get()));
        }
        target = plusOrLatest(manual.instant(), amount);
      } else {
        try {
          target =
              OffsetDateTime.parse(now.get(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
          throw ApiError.badRequest(
              "Now must be an ISO-8601 instant with an offset, such as 2026-01-01T00:00:00Z: "
                  + Echo.of(now.get()));
        }
        if (target.isBefore(manual.instant())) {
          throw ApiError.badRequest(
              String.format(
                  Locale.ROOT,
                  "the clock must not go back: %s is before %s",
                  target,
                  manual.instant()));
        }
      }
      if (target.isAfter(LATEST)) {
        throw ApiError.badRequest(
            String.format(
                Locale.ROOT,
                "the clock must stay at or before %s: %s",
                LATEST,
                Echo.of(advance.orElseGet(now::get))));
      }
      moved = manual.set(target);
    }
    engine.expireDue();
    return TaskRouterApi.json(200, "{\"now\":\"" + moved + "\"}", null);
  }

  private static Instant plusOrLatest(Instant from, Duration amount) {
    try {
      return from.plus(amount);
    } catch (DateTimeException | ArithmeticException e) {
      return Instant.MAX;
    }
  }

  private TaskRouterApi.Response events(UrlForm params) {
    EventLog log = eventLog;
    if (log == null) {
      throw new ApiError(
          409,
          ApiError.CONFLICT,
          "there is no event log: give the engine's builder an EventLog as a listener and "
              + "TaskRouterServer.Builder.eventLog the same log");
    }
    params.checkNames(List.of("After"), "query parameter");
    long after = 0;
    Optional<String> afterText = params.last("After");
    if (afterText.isPresent()) {
      String text = afterText.get();
      if (text.isEmpty()
          || text.length() > 18
          || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw ApiError.badRequest("After must be a sequence number, 0 or more: " + Echo.of(text));
      }
      after = Long.parseLong(text);
    }
    engine.expireDue();
    List<EventLog.Entry> entries;
    long oldest;
    long latest;
    synchronized (log) {
      entries = log.after(after, EVENTS_PER_READ);
      oldest = log.oldest();
      latest = log.latest();
    }
    StringBuilder out = new StringBuilder(64 + 800 * entries.size());
    out.append("{\"events\":[");
    for (int i = 0; i < entries.size(); i++) {
      EventLog.Entry e = entries.get(i);
      if (i > 0) {
        out.append(',');
      }
      out.append("{\"sequence\":")
          .append(e.sequence())
          .append(",\"type\":\"")
          .append(e.event().type().eventName())
          .append("\",\"previous_status\":");
      if (e.event().previousStatus() == null) {
        out.append("null");
      } else {
        out.append('"').append(e.event().previousStatus().wireName()).append('"');
      }
      out.append(",\"at\":\"")
          .append(e.event().at())
          .append("\",\"reservation\":")
          .append(json.writeTaskReservation(e.event().reservation()))
          .append('}');
    }
    out.append("],\"oldest\":").append(oldest).append(",\"latest\":").append(latest).append('}');
    return TaskRouterApi.json(200, out.toString(), null);
  }

  private static void noQuery(String query) {
    if (!query.isEmpty()) {
      throw ApiError.badRequest(
          "this endpoint takes its parameters as a form, not a query: " + Echo.of(query));
    }
  }

  private static <T> T required(UrlForm form, String name, Function<String, T> parse) {
    String value = form.last(name).orElseThrow(() -> ApiError.badRequest(name + " is required"));
    try {
      return parse.apply(value);
    } catch (IllegalArgumentException e) {
      throw ApiError.badRequest(String.valueOf(e.getMessage()));
    }
  }
}
