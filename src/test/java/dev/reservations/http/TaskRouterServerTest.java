package dev.reservations.http;

import static dev.reservations.http.ApiFixture.WS;
import static dev.reservations.http.ApiFixture.onTask;
import static dev.reservations.http.ApiFixture.task;
import static dev.reservations.http.ApiFixture.taskList;
import static dev.reservations.http.ApiFixture.worker;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.Reservation;
import dev.reservations.engine.ReservationEngine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskRouterServerTest {
  private final ApiFixture f = new ApiFixture();
  private final List<TaskRouterServer> servers = new ArrayList<>();

  @AfterEach
  void closeServers() {
    servers.forEach(TaskRouterServer::close);
  }

  private TaskRouterServer start() {
    TaskRouterServer server =
        TaskRouterServer.builder(f.engine).clock(f.clock).eventLog(f.events).threads(2).start();
    servers.add(server);
    return server;
  }

  private static RawHttp.Answer checked(String method, String path, RawHttp.Answer a) {
    SpecConformance.get().check(method, path, a.status(), a.body());
    assertEquals("application/json", a.headers().get("content-type"));
    return a;
  }

  @Test
  void start_bindsLoopback_andWritesItsOwnOriginInBodies() {
    Reservation r = f.reserve(1, 1);
    TaskRouterServer server = TaskRouterServer.start(f.engine, 0);
    servers.add(server);
    assertTrue(server.port() > 0);
    assertEquals("http://127.0.0.1:" + server.port(), server.baseUri().toString());
    assertEquals(server.baseUri().toString(), server.api().baseUrl());
    assertEquals("true", System.getProperty("sun.net.httpserver.nodelay"));
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Answer fetched = checked("GET", onTask(r), http.get(onTask(r)));
      assertEquals(200, fetched.status());
      assertTrue(fetched.body().contains("\"url\":\"" + server.baseUri() + onTask(r) + "\""));
      assertEquals("\"0\"", fetched.headers().get("etag"));
    }
  }

  @Test
  void keepAlive_servesManyRequestsOnOneConnection() {
    Reservation r = f.reserve(1, 1);
    TaskRouterServer server = start();
    try (RawHttp http = new RawHttp(server.port())) {
      for (int i = 0; i < 20; i++) {
        assertEquals(200, checked("GET", taskList(1), http.get(taskList(1))).status());
      }
      RawHttp.Answer moved =
          checked(
              "POST",
              onTask(r),
              http.post(onTask(r), "ReservationStatus=accepted", "If-Match: \"0\""));
      assertEquals(200, moved.status());
      assertEquals("\"1\"", moved.headers().get("etag"));
      assertEquals(
          409,
          checked("POST", onTask(r), http.post(onTask(r), "ReservationStatus=accepted")).status());
    }
  }

  @Test
  void limits_overLoopback_are4xxJson_andChangeNothing() {
    Reservation r = f.reserve(1, 1);
    TaskRouterServer server = start();
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Answer declared =
          http.send(
              "POST "
                  + onTask(r)
                  + " HTTP/1.1\r\nHost: x\r\n"
                  + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000000",
              new byte[0]);
      assertEquals(413, checked("POST", onTask(r), declared).status());
    }
    try (RawHttp http = new RawHttp(server.port())) {
      byte[] chunk =
          ("10000\r\n" + "a".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      byte[] body = new byte[chunk.length * 2 + 5];
      System.arraycopy(chunk, 0, body, 0, chunk.length);
      System.arraycopy(chunk, 0, body, chunk.length, chunk.length);
      System.arraycopy(
          "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0, body, chunk.length * 2, 5);
      RawHttp.Answer chunked =
          http.send(
              "POST "
                  + onTask(r)
                  + " HTTP/1.1\r\nHost: x\r\n"
                  + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked",
              body);
      assertEquals(413, checked("POST", onTask(r), chunked).status());
    }
    try (RawHttp http = new RawHttp(server.port())) {
      String target = taskList(1) + "?PageToken=" + "a".repeat(9_000);
      assertEquals(414, checked("GET", taskList(1), http.get(target)).status());
      StringBuilder head =
          new StringBuilder(
              "POST "
                  + onTask(r)
                  + " HTTP/1.1\r\nHost: x\r\n"
                  + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 26");
      for (int i = 0; i < 150; i++) {
        head.append("\r\nX-Extra-").append(i).append(": v");
      }
      RawHttp.Answer headers =
          http.send(
              head.toString(), "ReservationStatus=accepted".getBytes(StandardCharsets.US_ASCII));
      assertEquals(431, checked("POST", onTask(r), headers).status());
    }
    assertEquals(r, f.engine.get(r.sid()));
    assertEquals(1, f.events.latest());
  }

  @Test
  void admin_overLoopback_seedsAndMovesTheClock() {
    TaskRouterServer server = start();
    try (RawHttp http = new RawHttp(server.port())) {
      RawHttp.Answer seeded =
          checked(
              "POST",
              "/__admin/Reservations",
              http.post(
                  "/__admin/Reservations",
                  "WorkspaceSid="
                      + WS
                      + "&TaskSid="
                      + task(1)
                      + "&WorkerSid="
                      + worker(1)
                      + "&WorkerName=Ann&Timeout=10"));
      assertEquals(201, seeded.status());
      assertEquals(
          "{\"now\":\"2026-01-01T00:00:10Z\"}",
          checked("POST", "/__admin/Clock", http.post("/__admin/Clock", "Advance=PT10S")).body());
      RawHttp.Answer events =
          checked("GET", "/__admin/Events", http.get("/__admin/Events?After=1"));
      assertTrue(events.body().contains("\"type\":\"reservation.timeout\""), events::body);
    }
  }

  @Test
  void close_stopsEveryThread_andRefusesConnections() throws InterruptedException {
    TaskRouterServer server = start();
    int port = server.port();
    try (RawHttp http = new RawHttp(port)) {
      assertEquals(200, http.get(taskList(1)).status());
    }
    assertFalse(serverThreads().isEmpty());
    server.close();
    server.close();
    assertEquals(List.of(), serverThreads());
    assertThrows(
        ConnectException.class,
        () -> {
          try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.getInputStream();
          }
        });
  }

  private static List<String> serverThreads() {
    List<String> names = new ArrayList<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.isAlive()
          && (t.getName().startsWith("taskrouter-http-")
              || t.getName().equals("HTTP-Dispatcher"))) {
        names.add(t.getName());
      }
    }
    return names;
  }

  @Test
  void builder_refusesBadSettings() {
    IllegalArgumentException port =
        assertThrows(
            IllegalArgumentException.class, () -> TaskRouterServer.builder(f.engine).port(65_536));
    assertEquals("port must be between 0 and 65535: 65536", port.getMessage());
    IllegalArgumentException threads =
        assertThrows(
            IllegalArgumentException.class, () -> TaskRouterServer.builder(f.engine).threads(0));
    assertEquals("threads must be between 1 and 256: 0", threads.getMessage());
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class,
            () -> TaskRouterServer.builder(f.engine).port(1).port(2));
    assertEquals("port must be set at most once", twice.getMessage());
    assertThrows(NullPointerException.class, () -> TaskRouterServer.start(null, 0));
  }

  @Test
  void start_portInUse_isUncheckedIOException() {
    TaskRouterServer server = start();
    UncheckedIOException e =
        assertThrows(
            UncheckedIOException.class,
            () -> TaskRouterServer.start(ReservationEngine.create(), server.port()));
    assertTrue(
        e.getMessage().startsWith("cannot bind 127.0.0.1 port " + server.port() + ": "),
        e::getMessage);
  }

  // ---- the runnable server, as a child JVM ----

  @TempDir Path temp;

  private static Process launch(String... args) throws IOException {
    return launch(null, args);
  }

  private static Process launch(@Nullable Path stderr, String... args) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                TaskRouterServer.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    if (stderr != null) {
      builder.redirectError(stderr.toFile());
    }
    return builder.start();
  }

  @Test
  void main_printsListening_servesAndStopsOnSigterm() throws Exception {
    Path stderr = temp.resolve("stderr.txt");
    Process p =
        launch(stderr, "--port", "0", "--clock", "manual", "--seed", "3", "--timeout", "30");
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      Matcher m = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)").matcher(first);
      assertTrue(m.matches(), first);
      int port = Integer.parseInt(m.group(1));
      try (RawHttp http = new RawHttp(port)) {
        RawHttp.Answer seeded =
            checked(
                "POST",
                "/__admin/Reservations",
                http.post(
                    "/__admin/Reservations",
                    "WorkspaceSid="
                        + WS
                        + "&TaskSid="
                        + task(1)
                        + "&WorkerSid="
                        + worker(1)
                        + "&WorkerName=Ann"));
        assertTrue(
            seeded.body().contains("\"date_created\":\"2026-01-01T00:00:00Z\""), seeded::body);
        assertEquals(
            "{\"now\":\"2026-01-01T00:00:30Z\"}",
            checked("POST", "/__admin/Clock", http.post("/__admin/Clock", "Advance=PT30S")).body());
        RawHttp.Answer events = checked("GET", "/__admin/Events", http.get("/__admin/Events"));
        assertTrue(events.body().contains("\"type\":\"reservation.timeout\""), events::body);
      }
      p.destroy();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the server stops on SIGTERM");
      String err = Files.readString(stderr, StandardCharsets.UTF_8);
      assertTrue(err.contains("stopped"), err);
      assertEquals(143, p.exitValue(), "the JVM's exit status after SIGTERM");
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void main_help_listsEveryOption_andBadOptionExits2() throws Exception {
    Process help = launch("--help");
    String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(help.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, help.exitValue());
    for (String option :
        List.of(
            "--port",
            "--seed",
            "--timeout",
            "--clock system|manual",
            "--events",
            "--auth-token",
            "--threads",
            "--bind",
            "--help")) {
      assertTrue(text.contains(option), option);
    }
    Process bad = launch("--clock", "sundial");
    String err = new String(bad.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(bad.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, bad.exitValue());
    assertTrue(err.startsWith("error: --clock must be system or manual: sundial"), err);
  }
}
