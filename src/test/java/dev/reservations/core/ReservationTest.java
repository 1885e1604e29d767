package dev.reservations.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.reservations.internal.ReservationRows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ReservationTest {
  /** What {@code Reservation} was, a record of the same components: the contract to keep. */
  record AsRecord(
      ReservationSid sid,
      AccountSid accountSid,
      WorkspaceSid workspaceSid,
      TaskSid taskSid,
      WorkerSid workerSid,
      String workerName,
      ReservationStatus status,
      Instant dateCreated,
      Instant dateUpdated,
      long version) {
    Reservation reservation() {
      return new Reservation(
          sid,
          accountSid,
          workspaceSid,
          taskSid,
          workerSid,
          workerName,
          status,
          dateCreated,
          dateUpdated,
          version);
    }
  }

  private static final Instant[] EDGES = {
    Instant.MIN,
    Instant.parse("1969-12-31T23:59:59.999999999Z"),
    Instant.EPOCH,
    Instant.parse("2014-05-14T10:50:02.123456789Z"),
    Instant.parse("2262-04-11T23:47:16.854775808Z"),
    Instant.MAX
  };

  private static AsRecord random(SplittableRandom random) {
    Instant created =
        random.nextInt(4) == 0
            ? EDGES[random.nextInt(EDGES.length)]
            : Instant.ofEpochSecond(random.nextLong(-1L << 40, 1L << 40), random.nextInt(1 << 30));
    Instant updated =
        random.nextBoolean() || created.equals(Instant.MAX)
            ? created
            : created.plusNanos(random.nextLong(1 + (Long.MAX_VALUE >> random.nextInt(1, 64))));
    return new AsRecord(
        new ReservationSid(random.nextLong(), random.nextLong()),
        new AccountSid(random.nextLong(), random.nextLong()),
        new WorkspaceSid(random.nextLong(), random.nextLong()),
        new TaskSid(random.nextLong(), random.nextLong()),
        new WorkerSid(random.nextLong(), random.nextLong()),
        random.nextBoolean() ? "" : "worker " + random.nextInt(),
        ReservationStatus.values()[random.nextInt(ReservationStatus.values().length)],
        created,
        updated,
        random.nextBoolean() ? random.nextInt(4) : random.nextLong(0, Long.MAX_VALUE));
  }

  @Test
  void accessors_anyComponents_returnThemAsGiven() {
    SplittableRandom random = new SplittableRandom(14);
    for (int i = 0; i < 2_000; i++) {
      AsRecord expected = random(random);
      Reservation r = expected.reservation();
      AsRecord actual =
          new AsRecord(
              r.sid(),
              r.accountSid(),
              r.workspaceSid(),
              r.taskSid(),
              r.workerSid(),
              r.workerName(),
              r.status(),
              r.dateCreated(),
              r.dateUpdated(),
              r.version());
      assertEquals(expected, actual, "seed 14, case " + i);
    }
  }

  @Test
  void equalsHashCodeToString_anyComponents_matchTheRecordOfThem() {
    SplittableRandom random = new SplittableRandom(15);
    for (int i = 0; i < 2_000; i++) {
      AsRecord model = random(random);
      Reservation r = model.reservation();
      Reservation twin = model.reservation();
      assertEquals(model.hashCode(), r.hashCode(), "seed 15, case " + i);
      assertEquals(model.toString().replace("AsRecord[", "Reservation["), r.toString());
      assertEquals(r, twin);
      assertEquals(twin, r);
      assertEquals(r.hashCode(), twin.hashCode());
      assertNotEquals(r, model);
      assertFalse(r.equals(null));
    }
  }

  @Test
  void equals_anyOneComponentChanged_notEqual() {
    AsRecord base =
        withDates(
            random(new SplittableRandom(16)),
            Instant.parse("2014-05-14T10:50:02.5Z"),
            Instant.parse("2014-05-14T10:51:00Z"));
    List<UnaryOperator<AsRecord>> changes = new ArrayList<>();
    changes.add(m -> withSid(m, new ReservationSid(m.sid().high(), m.sid().low() + 1)));
    changes.add(m -> withSid(m, new ReservationSid(m.sid().high() + 1, m.sid().low())));
    changes.add(
        m ->
            new AsRecord(
                m.sid(),
                new AccountSid(1, 2),
                m.workspaceSid(),
                m.taskSid(),
                m.workerSid(),
                m.workerName(),
                m.status(),
                m.dateCreated(),
                m.dateUpdated(),
                m.version()));
    changes.add(
        m ->
            new AsRecord(
                m.sid(),
                m.accountSid(),
                new WorkspaceSid(1, 2),
                m.taskSid(),
                m.workerSid(),
                m.workerName(),
                m.status(),
                m.dateCreated(),
                m.dateUpdated(),
                m.version()));
    changes.add(m -> withTask(m, new TaskSid(m.taskSid().high(), m.taskSid().low() + 1)));
    changes.add(m -> withTask(m, new TaskSid(m.taskSid().high() + 1, m.taskSid().low())));
    changes.add(
        m ->
            new AsRecord(
                m.sid(),
                m.accountSid(),
                m.workspaceSid(),
                m.taskSid(),
                new WorkerSid(1, 2),
                m.workerName(),
                m.status(),
                m.dateCreated(),
                m.dateUpdated(),
                m.version()));
    changes.add(
        m ->
            new AsRecord(
                m.sid(),
                m.accountSid(),
                m.workspaceSid(),
                m.taskSid(),
                m.workerSid(),
                m.workerName() + "x",
                m.status(),
                m.dateCreated(),
                m.dateUpdated(),
                m.version()));
    changes.add(
        m ->
            new AsRecord(
                m.sid(),
                m.accountSid(),
                m.workspaceSid(),
                m.taskSid(),
                m.workerSid(),
                m.workerName(),
                m.status() == ReservationStatus.PENDING
                    ? ReservationStatus.ACCEPTED
                    : ReservationStatus.PENDING,
                m.dateCreated(),
                m.dateUpdated(),
                m.version()));
    changes.add(m -> withDates(m, m.dateCreated().minusNanos(1), m.dateUpdated()));
    changes.add(m -> withDates(m, m.dateCreated().minusSeconds(1), m.dateUpdated()));
    changes.add(m -> withDates(m, m.dateCreated(), m.dateUpdated().plusNanos(1)));
    changes.add(m -> withDates(m, m.dateCreated(), m.dateUpdated().plusSeconds(1)));
    changes.add(
        m ->
            new AsRecord(
                m.sid(),
                m.accountSid(),
                m.workspaceSid(),
                m.taskSid(),
                m.workerSid(),
                m.workerName(),
                m.status(),
                m.dateCreated(),
                m.dateUpdated(),
                m.version() + 1));
    for (int i = 0; i < changes.size(); i++) {
      AsRecord changed = changes.get(i).apply(base);
      assertNotEquals(base, changed, "change " + i);
      assertNotEquals(base.reservation(), changed.reservation(), "change " + i);
    }
  }

  private static AsRecord withSid(AsRecord m, ReservationSid sid) {
    return new AsRecord(
        sid,
        m.accountSid(),
        m.workspaceSid(),
        m.taskSid(),
        m.workerSid(),
        m.workerName(),
        m.status(),
        m.dateCreated(),
        m.dateUpdated(),
        m.version());
  }

  private static AsRecord withTask(AsRecord m, TaskSid task) {
    return new AsRecord(
        m.sid(),
        m.accountSid(),
        m.workspaceSid(),
        task,
        m.workerSid(),
        m.workerName(),
        m.status(),
        m.dateCreated(),
        m.dateUpdated(),
        m.version());
  }

  private static AsRecord withDates(AsRecord m, Instant created, Instant updated) {
    return new AsRecord(
        m.sid(),
        m.accountSid(),
        m.workspaceSid(),
        m.taskSid(),
        m.workerSid(),
        m.workerName(),
        m.status(),
        created,
        updated,
        m.version());
  }

  @Test
  void accessors_derivedComponents_newEqualObjectsEachCall() {
    Reservation r = random(new SplittableRandom(17)).reservation();
    assertNotSame(r.sid(), r.sid());
    assertEquals(r.sid(), r.sid());
    assertEquals(r.taskSid(), r.taskSid());
    assertEquals(r.dateCreated(), r.dateCreated());
    assertEquals(r.dateUpdated(), r.dateUpdated());
  }

  @Test
  void constructor_eachNullComponent_throwsNamingIt() {
    AsRecord m = random(new SplittableRandom(18));
    String[] names = {
      "sid",
      "accountSid",
      "workspaceSid",
      "taskSid",
      "workerSid",
      "workerName",
      "status",
      "dateCreated",
      "dateUpdated"
    };
    for (int nulled = 0; nulled < names.length; nulled++) {
      int n = nulled;
      NullPointerException e =
          assertThrows(
              NullPointerException.class,
              () ->
                  new Reservation(
                      n == 0 ? null : m.sid(),
                      n == 1 ? null : m.accountSid(),
                      n == 2 ? null : m.workspaceSid(),
                      n == 3 ? null : m.taskSid(),
                      n == 4 ? null : m.workerSid(),
                      n == 5 ? null : m.workerName(),
                      n == 6 ? null : m.status(),
                      n == 7 ? null : m.dateCreated(),
                      n == 8 ? null : m.dateUpdated(),
                      m.version()));
      assertEquals(names[n], e.getMessage());
    }
  }

  @Test
  void constructor_negativeVersion_throws() {
    AsRecord m = random(new SplittableRandom(19));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Reservation(
                    m.sid(),
                    m.accountSid(),
                    m.workspaceSid(),
                    m.taskSid(),
                    m.workerSid(),
                    m.workerName(),
                    m.status(),
                    m.dateCreated(),
                    m.dateUpdated(),
                    -1));
    assertEquals("version must not be negative: -1", e.getMessage());
  }

  @Test
  void constructor_updatedBeforeCreated_throws() {
    AsRecord m = random(new SplittableRandom(20));
    Instant created = Instant.parse("2014-05-14T10:50:02.000000001Z");
    Instant updated = Instant.parse("2014-05-14T10:50:02Z");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Reservation(
                    m.sid(),
                    m.accountSid(),
                    m.workspaceSid(),
                    m.taskSid(),
                    m.workerSid(),
                    m.workerName(),
                    m.status(),
                    created,
                    updated,
                    0));
    assertEquals(
        "date updated must not be before date created: "
            + "2014-05-14T10:50:02Z < 2014-05-14T10:50:02.000000001Z",
        e.getMessage());
  }

  @Test
  void maker_rowFields_equalThePublicConstructorOfTheirObjects() {
    AsRecord m = random(new SplittableRandom(21));
    long created = -1;
    long updated = 1_400_064_602_123_456_789L;
    Reservation made =
        ReservationRows.maker()
            .make(
                m.sid().high(),
                m.sid().low(),
                m.accountSid(),
                m.workspaceSid(),
                m.taskSid().high(),
                m.taskSid().low(),
                m.workerSid(),
                m.workerName(),
                m.status(),
                created,
                updated,
                3);
    AsRecord expected =
        withDates(
            new AsRecord(
                m.sid(),
                m.accountSid(),
                m.workspaceSid(),
                m.taskSid(),
                m.workerSid(),
                m.workerName(),
                m.status(),
                m.dateCreated(),
                m.dateUpdated(),
                3),
            Instant.parse("1969-12-31T23:59:59.999999999Z"),
            Instant.parse("2014-05-14T10:50:02.123456789Z"));
    assertEquals(expected.reservation(), made);
    assertEquals(expected.toString().replace("AsRecord[", "Reservation["), made.toString());
  }

  @Test
  void install_secondMaker_throws() {
    ReservationRows.Maker maker = ReservationRows.maker();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> ReservationRows.install(maker));
    assertEquals("the reservation maker is installed already", e.getMessage());
  }
}
