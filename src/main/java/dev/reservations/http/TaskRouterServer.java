package dev.reservations.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.reservations.engine.ReservationEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * {@link TaskRouterApi} served over HTTP/1.1 on the JDK's {@code com.sun.net.httpserver}, bound to
 * 127.0.0.1 by default: the TaskRouter fake for clients in any language.
 *
 * <pre>{@code
 * try (TaskRouterServer server = TaskRouterServer.start(engine, 0)) {
 *   URI base = server.baseUri();   // http://127.0.0.1:PORT
 *   // point the client under test at base
 * }
 * }</pre>
 *
 * <p><b>Transport.</b> Connections are kept alive. A fixed pool of {@link Builder#threads} threads
 * (8 by default) handles the requests, with a queue of 1,024; past that the accepting thread runs
 * the request itself, which slows the clients down rather than failing them. The JDK's server waits
 * on Nagle's algorithm unless {@code sun.net.httpserver.nodelay} is true, so this class sets that
 * property when it is unset, before the first server of the JVM starts (a JDK server started
 * earlier in the JVM fixes it for every later one). The URLs in the bodies are the server's own
 * origin, {@link #baseUri()}.
 *
 * <p><b>Limits.</b> A request target over {@value TaskRouterApi#MAX_TARGET_LENGTH} chars is a 414,
 * more than {@value TaskRouterApi#MAX_HEADERS} header fields or {@value
 * TaskRouterApi#MAX_HEADER_CHARS} chars of them a 431, a body over {@value
 * TaskRouterApi#MAX_BODY_BYTES} bytes a 413 (read no further than the limit), each with
 * TaskRouter's JSON error body, and none reaches the engine. A request line the JDK cannot parse at
 * all (not a URI, say) gets the JDK's own plain-text 400.
 *
 * <p><b>Header names.</b> The JDK writes response header names with only their first letter in
 * upper case: {@code Etag}, {@code Content-type}. HTTP names are case-insensitive, but
 * twilio-java's {@code Response.getHeaders()} keeps the names as they came, so over loopback a
 * twilio-java user sees {@code Etag} (through {@code EngineHttpClient}, in process, {@code ETag}).
 * Match them without regard to case.
 *
 * <p><b>Credentials.</b> By default any {@code Authorization} header, or none, is accepted. With
 * {@link Builder#authToken}, a request must carry HTTP Basic credentials whose password is that
 * token (any user name, such as the account sid); otherwise it is a 401/20003.
 *
 * <p><b>Control endpoints</b>, under {@code /__admin/} (never a TaskRouter path):
 *
 * <ul>
 *   <li>{@code POST /__admin/Reservations}, form {@code WorkspaceSid}, {@code TaskSid}, {@code
 *       WorkerSid}, {@code WorkerName} and optional {@code Timeout} (whole seconds, 1 to one year):
 *       reserves, and answers 201 with the reservation as the task path writes it and its {@code
 *       ETag}. The task rules' refusals are 409/20409, a bad value 400.
 *   <li>{@code POST /__admin/Tasks/{WT}/Cancel}, no parameter: cancels the task, 200 {@code
 *       {"reservations": [...]}} with those it canceled; an assigned task is a 409/20409.
 *   <li>{@code POST /__admin/Clock}, form {@code Advance} (an ISO-8601 duration, {@code PT30S}) or
 *       {@code Now} (an ISO-8601 instant with an offset, not before the clock): moves the manual
 *       clock, applies the timeouts now due, and answers 200 {@code {"now": "…"}}. Only with {@link
 *       Builder#clock}; otherwise 409/20409. The clock never goes back, and stays at or before
 *       2200-01-01T00:00:00Z (a 400 past it).
 *   <li>{@code GET /__admin/Events?After=N}: applies the timeouts due, then answers 200 {@code
 *       {"events": [...], "oldest": O, "latest": L}} with the logged events after sequence number N
 *       (default 0), oldest first, at most 1,000 a read; each is {@code {"sequence", "type"
 *       (TaskRouter's event name), "previous_status" (null for created), "at", "reservation" (the
 *       task path's JSON)}}. The log is an {@link EventLog}: the latest 10,000 events by default,
 *       {@code oldest} telling where it now starts. Only with {@link Builder#eventLog}; otherwise
 *       409/20409.
 * </ul>
 *
 * <p><b>Thread safety.</b> Thread-safe. {@link #close()} stops the server, closes its connections
 * and waits for its threads to end.
 */
public final class TaskRouterServer implements AutoCloseable {
  /** The manual clock's start in the runnable server: fixed, so runs are reproducible. */
  public static final Instant MANUAL_CLOCK_START = Instant.parse("2026-01-01T00:00:00Z");

  private static final int QUEUE = 1_024;
  private static final AtomicInteger SERVERS = new AtomicInteger();

  static {
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    if (System.getProperty("sun.net.httpserver.maxReqHeaders") == null) {
      // above TaskRouterApi's own limit, so that limit answers with JSON first
      System.setProperty("sun.net.httpserver.maxReqHeaders", "1000");
    }
  }

  private final TaskRouterApi api;
  private final HttpServer server;
  private final ThreadPoolExecutor pool;

  /** The pool's threads, so that {@link #close} can wait until each has ended, not just idled. */
  private final List<Thread> threads = new CopyOnWriteArrayList<>();

  private final URI baseUri;
  private final int port;
  private boolean closed;

  private TaskRouterServer(Builder builder) {
    InetAddress address =
        builder.bindAddress != null ? builder.bindAddress : InetAddress.getLoopbackAddress();
    if (!address.isLoopbackAddress()) {
      System.err.println(
          "warning: TaskRouterServer binds "
              + address.getHostAddress()
              + ", which other machines may reach; it is a test fake, not a secured service");
    }
    int id = SERVERS.incrementAndGet();
    AtomicInteger threadCount = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            builder.threads,
            builder.threads,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            r -> {
              Thread t =
                  new Thread(r, "taskrouter-http-" + id + "-" + threadCount.incrementAndGet());
              t.setDaemon(true);
              threads.add(t);
              return t;
            },
            new ThreadPoolExecutor.CallerRunsPolicy());
    try {
      this.server = HttpServer.create(new InetSocketAddress(address, builder.port), 128);
    } catch (IOException e) {
      pool.shutdown();
      throw new UncheckedIOException(
          String.format(
              Locale.ROOT,
              "cannot bind %s port %d: %s",
              address.getHostAddress(),
              builder.port,
              e.getMessage()),
          e);
    }
    this.port = server.getAddress().getPort();
    this.baseUri = URI.create("http://" + host(address) + ":" + port);
    TaskRouterApi.Builder apiBuilder =
        TaskRouterApi.builder(builder.engine).baseUrl(baseUri.toString());
    if (builder.clock != null) {
      apiBuilder.clock(builder.clock);
    }
    if (builder.eventLog != null) {
      apiBuilder.eventLog(builder.eventLog);
    }
    if (builder.authToken != null) {
      apiBuilder.authToken(builder.authToken);
    }
    this.api = apiBuilder.build();
    server.setExecutor(pool);
    server.createContext("/", this::exchange);
    server.start();
  }

  private static String host(InetAddress address) {
    if (address.isAnyLocalAddress()) {
      return "127.0.0.1";
    }
    String text = address.getHostAddress();
    return address instanceof Inet6Address ? "[" + text.replaceFirst("%.*", "") + "]" : text;
  }

  /**
   * Starts a server on {@code engine} bound to 127.0.0.1 at {@code port} (0 picks a free one), with
   * no credentials checked, no manual clock and no event log.
   *
   * @param engine the engine the server reads and changes
   * @param port the port to listen on, 0 to 65535
   * @return the running server; close it when done
   * @throws NullPointerException if {@code engine} is null
   * @throws IllegalArgumentException if {@code port} is outside 0..65535
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static TaskRouterServer start(ReservationEngine engine, int port) {
    return builder(engine).port(port).start();
  }

  /**
   * A builder of a server on {@code engine}.
   *
   * @param engine the engine the server reads and changes
   * @return a new builder with the defaults
   * @throws NullPointerException if {@code engine} is null
   */
  public static Builder builder(ReservationEngine engine) {
    return new Builder(engine);
  }

  /** {@return the origin of the server's URLs, {@code http://127.0.0.1:PORT} on loopback} */
  public URI baseUri() {
    return baseUri;
  }

  /** {@return the port the server listens on} */
  public int port() {
    return port;
  }

  /** {@return the request handler the server serves} */
  public TaskRouterApi api() {
    return api;
  }

  private void exchange(HttpExchange exchange) throws IOException {
    try (exchange) {
      TaskRouterApi.Response response = answer(exchange);
      for (Map.Entry<String, String> header : response.headers().entrySet()) {
        exchange.getResponseHeaders().set(header.getKey(), header.getValue());
      }
      byte[] body = response.body(); // one copy, or the one encoding of a body kept as text
      exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0 && !exchange.getRequestMethod().equals("HEAD")) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  private TaskRouterApi.Response answer(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    String rawPath = uri.getRawPath() == null ? "" : uri.getRawPath();
    String target = uri.getRawQuery() == null ? rawPath : rawPath + "?" + uri.getRawQuery();
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null && isOverLimit(length)) {
      return TaskRouterApi.tooLarge(length);
    }
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readNBytes(TaskRouterApi.MAX_BODY_BYTES + 1);
    }
    if (body.length > TaskRouterApi.MAX_BODY_BYTES) {
      return TaskRouterApi.tooLarge("more than " + TaskRouterApi.MAX_BODY_BYTES);
    }
    return api.handle(
        new TaskRouterApi.Request(
            exchange.getRequestMethod(), target, exchange.getRequestHeaders(), body));
  }

  private static boolean isOverLimit(String contentLength) {
    String text = contentLength.trim();
    if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
      return false;
    }
    return Long.parseLong(text) > TaskRouterApi.MAX_BODY_BYTES;
  }

  /**
   * Stops the server: closes the listening socket and the connections, and waits for the handler
   * threads to end. Calling it again does nothing.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    server.stop(0);
    pool.shutdown();
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
      }
      // a terminated pool's workers may still be leaving run(): wait until they are gone
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(10));
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return "TaskRouterServer[" + baseUri + "]";
  }

  private static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar reservation-engine-VERSION-server.jar [options]",
          "",
          "Serves TaskRouter's Reservation endpoints from an in-memory engine, with control",
          "endpoints under /__admin/. The first line on stdout is: listening on http://HOST:PORT",
          "",
          "  --port N                 port to listen on; 0, the default, picks a free one",
          "  --seed N                 the engine's seed (a long), for reproducible sids and"
              + " tokens;",
          "                           default random",
          "  --timeout SECONDS        reservation timeout, whole seconds (default 120)",
          "  --clock system|manual    system (default) or manual: a clock that moves only by",
          "                           POST /__admin/Clock, starting at " + MANUAL_CLOCK_START,
          "  --events N               how many events GET /__admin/Events keeps (default 10000)",
          "  --auth-token TOKEN       require HTTP Basic credentials with this password",
          "                           (default: accept any credentials or none)",
          "  --threads N              request threads (default 8)",
          "  --bind ADDRESS           address to bind (default 127.0.0.1); another one prints a",
          "                           warning: this is a test fake, not a secured service",
          "  --help                   print this and exit",
          "",
          "Stops cleanly on SIGTERM or Ctrl-C.");

  /**
   * The runnable server: {@code java -jar reservation-engine-VERSION-server.jar [--port N] [--seed
   * N] [--timeout SECONDS] [--clock system|manual] [--events N] [--auth-token TOKEN] [--threads N]
   * [--bind ADDRESS] [--help]}. Prints {@code listening on http://127.0.0.1:PORT} as its first line
   * on stdout and serves until SIGTERM or Ctrl-C, then stops cleanly. A bad option prints the
   * reason and the usage on stderr and exits with status 2.
   *
   * @param args the options above, in any order
   */
  public static void main(String[] args) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    if (options.help) {
      System.out.println(USAGE);
      return;
    }
    ReservationEngine.Builder engine =
        ReservationEngine.builder().reservationTimeout(Duration.ofSeconds(options.timeout));
    if (options.seed != null) {
      engine.seed(options.seed);
    }
    EventLog events = new EventLog(options.events);
    engine.listener(events);
    ManualClock clock = null;
    if (options.manualClock) {
      clock = new ManualClock(MANUAL_CLOCK_START);
      engine.clock(clock);
    }
    Builder server =
        builder(engine.build()).port(options.port).threads(options.threads).eventLog(events);
    if (clock != null) {
      server.clock(clock);
    }
    if (options.authToken != null) {
      server.authToken(options.authToken);
    }
    if (options.bind != null) {
      server.bindAddress(options.bind);
    }
    TaskRouterServer running;
    try {
      running = server.start();
    } catch (UncheckedIOException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.close();
                  System.err.println("stopped");
                  stopped.countDown();
                },
                "taskrouter-shutdown"));
    System.out.println("listening on " + running.baseUri());
    System.out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The runnable server's command line. */
  private static final class Options {
    int port;
    @Nullable Long seed;
    int timeout = 120;
    boolean manualClock;
    int events = EventLog.DEFAULT_CAPACITY;
    @Nullable String authToken;
    int threads = Builder.DEFAULT_THREADS;
    @Nullable InetAddress bind;
    boolean help;

    static Options parse(String[] args) {
      Options o = new Options();
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (name.equals("--help") || name.equals("-h")) {
          o.help = true;
          continue;
        }
        if (!name.startsWith("--") || i + 1 >= args.length) {
          throw new IllegalArgumentException(
              name.startsWith("--")
                  ? "option " + name + " needs a value"
                  : "unknown argument: " + name);
        }
        if (seen.contains(name)) {
          throw new IllegalArgumentException("option given twice: " + name);
        }
        seen.add(name);
        String value = args[++i];
        switch (name) {
          case "--port":
            o.port = number(name, value, 0, 65_535);
            break;
          case "--seed":
            try {
              o.seed = Long.parseLong(value);
            } catch (NumberFormatException e) {
              throw new IllegalArgumentException("--seed must be a long: " + value);
            }
            break;
          case "--timeout":
            o.timeout = number(name, value, 1, AdminEndpoints.MAX_TIMEOUT_SECONDS);
            break;
          case "--clock":
            if (!value.equals("system") && !value.equals("manual")) {
              throw new IllegalArgumentException("--clock must be system or manual: " + value);
            }
            o.manualClock = value.equals("manual");
            break;
          case "--events":
            o.events = number(name, value, 1, EventLog.MAX_CAPACITY);
            break;
          case "--auth-token":
            if (value.isEmpty()) {
              throw new IllegalArgumentException("--auth-token must not be empty");
            }
            o.authToken = value;
            break;
          case "--threads":
            o.threads = number(name, value, 1, Builder.MAX_THREADS);
            break;
          case "--bind":
            try {
              o.bind = InetAddress.getByName(value);
            } catch (UnknownHostException e) {
              throw new IllegalArgumentException("--bind must be an address: " + value);
            }
            break;
          default:
            throw new IllegalArgumentException("unknown option: " + name);
        }
      }
      return o;
    }

    private static int number(String name, String value, int min, int max) {
      try {
        int n = Integer.parseInt(value);
        if (n >= min && n <= max) {
          return n;
        }
      } catch (NumberFormatException e) {
        // refused below
      }
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT, "%s must be an integer between %d and %d: %s", name, min, max, value));
    }
  }

  /**
   * Settings of a {@link TaskRouterServer}. Each setting may be made once; a bad value fails at its
   * call. Not thread-safe.
   */
  public static final class Builder {
    static final int DEFAULT_THREADS = 8;
    static final int MAX_THREADS = 256;

    private final ReservationEngine engine;
    private int port;
    private int threads = DEFAULT_THREADS;
    private @Nullable InetAddress bindAddress;
    private @Nullable String authToken;
    private @Nullable ManualClock clock;
    private @Nullable EventLog eventLog;
    private final List<String> made = new ArrayList<>();

    private Builder(ReservationEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
    }

    private void once(String name) {
      if (made.contains(name)) {
        throw new IllegalArgumentException(name + " must be set at most once");
      }
      made.add(name);
    }

    /**
     * The port to listen on; 0, the default, picks a free one.
     *
     * @param port the port, 0 to 65535
     * @return this builder
     * @throws IllegalArgumentException unless {@code port} is between 0 and 65535, or if set twice
     */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
      }
      once("port");
      this.port = port;
      return this;
    }

    /**
     * The address to bind, 127.0.0.1 by default. An address that is not loopback prints a warning
     * on stderr when the server starts, and {@link #baseUri()} names it (127.0.0.1 for the wildcard
     * address).
     *
     * @param address the local address to bind
     * @return this builder
     * @throws NullPointerException if {@code address} is null
     * @throws IllegalArgumentException if set twice
     */
    public Builder bindAddress(InetAddress address) {
      Objects.requireNonNull(address, "address");
      once("bindAddress");
      this.bindAddress = address;
      return this;
    }

    /**
     * Requires HTTP Basic credentials whose password is {@code authToken}, as {@link
     * TaskRouterApi.Builder#authToken(String)}.
     *
     * @param authToken the password the credentials must carry; not empty
     * @return this builder
     * @throws IllegalArgumentException if {@code authToken} is empty, or set twice
     */
    public Builder authToken(String authToken) {
      Objects.requireNonNull(authToken, "authToken");
      if (authToken.isEmpty()) {
        throw new IllegalArgumentException("auth token must not be empty");
      }
      once("authToken");
      this.authToken = authToken;
      return this;
    }

    /**
     * The engine's manual clock, which {@code POST /__admin/Clock} moves, as {@link
     * TaskRouterApi.Builder#clock(ManualClock)}.
     *
     * @param clock the clock the engine was built with
     * @return this builder
     * @throws IllegalArgumentException if set twice
     */
    public Builder clock(ManualClock clock) {
      Objects.requireNonNull(clock, "clock");
      once("clock");
      this.clock = clock;
      return this;
    }

    /**
     * The engine's event log, which {@code GET /__admin/Events} reads, as {@link
     * TaskRouterApi.Builder#eventLog(EventLog)}.
     *
     * @param eventLog a log the engine reports to
     * @return this builder
     * @throws IllegalArgumentException if set twice
     */
    public Builder eventLog(EventLog eventLog) {
      Objects.requireNonNull(eventLog, "eventLog");
      once("eventLog");
      this.eventLog = eventLog;
      return this;
    }

    /**
     * The number of threads that handle requests, 8 by default.
     *
     * @param threads the number of handler threads, 1 to 256
     * @return this builder
     * @throws IllegalArgumentException unless {@code threads} is between 1 and 256, or if set twice
     */
    public Builder threads(int threads) {
      if (threads < 1 || threads > MAX_THREADS) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT, "threads must be between 1 and %d: %d", MAX_THREADS, threads));
      }
      once("threads");
      this.threads = threads;
      return this;
    }

    /**
     * Binds and starts the server. The builder may start another.
     *
     * @return the running server; close it when done
     * @throws UncheckedIOException if the address and port cannot be bound
     */
    public TaskRouterServer start() {
      return new TaskRouterServer(this);
    }
  }
}
