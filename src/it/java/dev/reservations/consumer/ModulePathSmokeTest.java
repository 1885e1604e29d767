package dev.reservations.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.reservations.core.IllegalTransitionException;
import dev.reservations.core.Reservation;
import dev.reservations.core.ReservationStatus;
import dev.reservations.core.TaskSid;
import dev.reservations.core.WorkerSid;
import dev.reservations.core.WorkspaceSid;
import dev.reservations.engine.ReservationEngine;
import dev.reservations.http.ManualClock;
import dev.reservations.http.TaskRouterApi;
import dev.reservations.query.Page;
import dev.reservations.query.ReservationQuery;
import java.lang.module.ModuleDescriptor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A smoke test of each package that {@code dev.reservations} exports, run from a module of its own
 * on the module path (the build's {@code integration-test} phase), with only eclipse-collections
 * beside the library: no jackson-core, no twilio-java, no JSpecify.
 */
class ModulePathSmokeTest {
  private static final WorkspaceSid WS = WorkspaceSid.parse("WSaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  private static final TaskSid TASK = TaskSid.parse("WTaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  private static final WorkerSid ALICE = WorkerSid.parse("WKaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
  private static final WorkerSid BOB = WorkerSid.parse("WKbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");

  /** The packages this suite covers; a newly exported package needs a smoke test here. */
  private static final Set<String> COVERED =
      Set.of(
          "dev.reservations.core",
          "dev.reservations.query",
          "dev.reservations.engine",
          "dev.reservations.json",
          "dev.reservations.http",
          "dev.reservations.twilio");

  @Test
  void module_onTheModulePath_isNamedAndExportsOnlyCoveredPackages() {
    Module module = ReservationEngine.class.getModule();
    assertTrue(
        module.isNamed(), "the library must load as a named module, not from the class path");
    assertEquals("dev.reservations", module.getName());
    assertTrue(ModulePathSmokeTest.class.getModule().canRead(module));
    ModuleDescriptor descriptor = module.getDescriptor();
    Set<String> exported =
        descriptor.exports().stream()
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        new TreeSet<>(COVERED),
        exported,
        "every exported package needs a smoke test in this suite");
    for (ModuleDescriptor.Exports export : descriptor.exports()) {
      assertFalse(export.isQualified(), export.toString());
    }
  }

  @Test
  void modulePath_optionalModules_areAbsent() {
    List<String> present = new ArrayList<>();
    for (Module m : ModuleLayer.boot().modules()) {
      if (m.getName().startsWith("com.fasterxml")
          || m.getName().startsWith("twilio")
          || m.getName().startsWith("com.twilio")
          || m.getName().equals("org.jspecify")) {
        present.add(m.getName());
      }
    }
    assertEquals(List.of(), present, "optional modules must not be on this module path");
    assertTrue(ModuleLayer.boot().findModule("org.eclipse.collections.impl").isPresent());
  }

  @Test
  void core_sidsAndStatuses_parseAndCheckMoves() {
    assertEquals("WTaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", TASK.toString());
    assertEquals(ReservationStatus.WRAPPING, ReservationStatus.fromWireName("wrapping"));
    assertTrue(ReservationStatus.PENDING.canMoveTo(ReservationStatus.RESCINDED));
    assertFalse(ReservationStatus.COMPLETED.canMoveTo(ReservationStatus.PENDING));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TaskSid.parse("WT1"));
    assertTrue(e.getMessage().startsWith("task sid must match"), e.getMessage());
  }

  @Test
  void query_toUri_parsesBack() {
    ReservationQuery query =
        ReservationQuery.forTask(WS, TASK)
            .withStatus(ReservationStatus.PENDING)
            .withWorker(ALICE)
            .withPageSize(20);
    assertEquals(
        "/v1/Workspaces/"
            + WS
            + "/Tasks/"
            + TASK
            + "/Reservations?ReservationStatus=pending&WorkerSid="
            + ALICE
            + "&PageSize=20&Page=0",
        query.toUri());
    assertEquals(query, ReservationQuery.parse(query.toUri()));
    Page<String> page = Page.of(query, List.of("a"), null, null);
    assertEquals(List.of("a"), page.items());
    assertEquals(Optional.empty(), page.nextPage());
  }

  @Test
  void engine_reserveAcceptAndList_rescindsTheOtherAndPages() {
    ReservationEngine engine = ReservationEngine.builder().seed(42).build();
    Reservation a = engine.reserve(WS, TASK, ALICE, "Alice");
    Reservation b = engine.reserve(WS, TASK, BOB, "Bob");
    assertEquals(ReservationStatus.ACCEPTED, engine.accept(a.sid()).status());
    assertEquals(ReservationStatus.RESCINDED, engine.get(b.sid()).status());
    assertThrows(IllegalTransitionException.class, () -> engine.reject(b.sid()));

    Page<Reservation> first = engine.list(ReservationQuery.forTask(WS, TASK).withPageSize(1));
    assertEquals(List.of(a.sid()), first.items().stream().map(Reservation::sid).toList());
    Page<Reservation> second = engine.list(first.nextPage().orElseThrow());
    assertEquals(List.of(b.sid()), second.items().stream().map(Reservation::sid).toList());
    assertEquals(Optional.empty(), second.nextPage());
  }

  @Test
  void json_withoutJacksonCore_failsToLoadWhileTheEngineRuns() {
    ClassLoader loader = ReservationEngine.class.getClassLoader();
    NoClassDefFoundError e =
        assertThrows(
            NoClassDefFoundError.class,
            () -> Class.forName("dev.reservations.json.TaskRouterJson", true, loader));
    assertTrue(e.getMessage().contains("com/fasterxml/jackson/core"), e.getMessage());
    Reservation r = ReservationEngine.builder().seed(1).build().reserve(WS, TASK, ALICE, "Alice");
    assertEquals(ReservationStatus.PENDING, r.status());
  }

  @Test
  void http_manualClockDrivesTheEngine_whileTheApiNeedsJacksonCoreToBeMade() {
    ManualClock clock = new ManualClock(Instant.parse("2024-01-01T00:00:00Z"));
    ReservationEngine engine =
        ReservationEngine.builder()
            .seed(3)
            .clock(clock)
            .reservationTimeout(Duration.ofSeconds(30))
            .build();
    Reservation r = engine.reserve(WS, TASK, ALICE, "Alice");
    clock.advance(Duration.ofSeconds(30));
    assertEquals(ReservationStatus.TIMEOUT, engine.get(r.sid()).status());
    // the API writes TaskRouter's JSON, so it needs jackson-core once it is made, not to load
    NoClassDefFoundError e =
        assertThrows(NoClassDefFoundError.class, () -> TaskRouterApi.create(engine));
    assertTrue(e.getMessage().contains("com/fasterxml/jackson/core"), e.getMessage());
  }

  @Test
  void twilio_withoutTwilioJava_failsToLoadWhileTheEngineRuns() {
    ClassLoader loader = ReservationEngine.class.getClassLoader();
    NoClassDefFoundError e =
        assertThrows(
            NoClassDefFoundError.class,
            () -> Class.forName("dev.reservations.twilio.EngineHttpClient", true, loader));
    assertTrue(e.getMessage().contains("com/twilio"), e.getMessage());
    assertEquals(0, ReservationEngine.builder().seed(4).build().size());
  }
}
