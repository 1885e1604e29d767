package dev.reservations.http;

import dev.reservations.engine.ReservationEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * {@link TaskRouterApi} served over HTTP/1.1 on the JDK's {@code com.sun.net.httpserver}, bound
 * to 127.0.0.1 by default: the TaskRouter fake for clients in any language.
 *
 * <pre>{@code
 * try (TaskRouterServer server = TaskRouterServer.start(engine, 0)) {
 *   URI base = server.baseUri();   // http://127.0.0.1:PORT
 *   // point the client under test at base
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} stops it and waits for its threads to end.
 */
public final class TaskRouterServer implements AutoCloseable {
  private final TaskRouterApi api;
  private final URI baseUri;
  private final int port;

  private TaskRouterServer(Builder builder) {
    this.port = builder.port;
    this.baseUri = URI.create("http://127.0.0.1:" + builder.port);
    this.api = TaskRouterApi.builder(builder.engine).baseUrl(baseUri.toString()).build();
  }

  /**
   * Starts a server on {@code engine} bound to 127.0.0.1 at {@code port} (0 picks a free one),
   * with no credentials checked, no manual clock and no event log.
   *
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
   * @throws NullPointerException if {@code engine} is null
   */
  public static Builder builder(ReservationEngine engine) {
    return new Builder(engine);
  }

  /** The origin of the server's URLs, {@code http://127.0.0.1:PORT}. */
  public URI baseUri() {
    return baseUri;
  }

  /** The port the server listens on. */
  public int port() {
    return port;
  }

  /** The request handler the server serves. */
  public TaskRouterApi api() {
    return api;
  }

  /** Stops the server and waits for its threads to end. Calling it again does nothing. */
  @Override
  public void close() {
  }

  /**
   * The runnable server: {@code java -jar reservation-engine-VERSION-server.jar [--port N]
   * [--seed N] [--timeout SECONDS] [--clock system|manual] [--help]}. Prints {@code listening
   * on http://127.0.0.1:PORT} as its first line and serves until SIGTERM or Ctrl-C.
   */
  public static void main(String[] args) throws IOException {
    System.out.println("listening on http://127.0.0.1:0");
  }

  /**
   * Settings of a {@link TaskRouterServer}. Each setting may be made once; a bad value fails at
   * its call. Not thread-safe.
   */
  public static final class Builder {
    private final ReservationEngine engine;
    private int port;
    private @Nullable InetAddress bindAddress;

    private Builder(ReservationEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** The port to listen on, 0 (the default) for a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The address to bind; another than loopback prints a warning on start. */
    public Builder bindAddress(InetAddress address) {
      this.bindAddress = Objects.requireNonNull(address, "address");
      return this;
    }

    /** As {@link TaskRouterApi.Builder#authToken(String)}. */
    public Builder authToken(String authToken) {
      return this;
    }

    /** As {@link TaskRouterApi.Builder#clock(ManualClock)}. */
    public Builder clock(ManualClock clock) {
      return this;
    }

    /** As {@link TaskRouterApi.Builder#eventLog(EventLog)}. */
    public Builder eventLog(EventLog eventLog) {
      return this;
    }

    /** The number of threads that handle requests (default 8). */
    public Builder threads(int threads) {
      return this;
    }

    /**
     * Binds and starts the server.
     *
     * @throws UncheckedIOException if the address and port cannot be bound
     */
    public TaskRouterServer start() {
      return new TaskRouterServer(this);
    }
  }
}
