package dev.reservations.engine;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After each test of every class (registered through {@code META-INF/services} and autodetection,
 * with no opt-in), checks the invariants of every engine the test made: those held in a field of
 * the test instance (an engine, or a collection of engines), and those passed to {@link #track}.
 * {@code checkInvariants} also compares each engine with its previous check, so versions and
 * timestamps that went back fail too. Tests in one JVM run one at a time, so the tracked engines
 * are per test.
 */
@SuppressWarnings("exports") // a test class; JUnit, not a module reader, sees its signature
public final class InvariantsExtension implements BeforeEachCallback, AfterEachCallback {
  private static final List<ReservationEngine> TRACKED =
      Collections.synchronizedList(new ArrayList<>());

  /** Made by JUnit, which registers it for every test class (junit-platform.properties). */
  public InvariantsExtension() {}

  /** Registers an engine made inside a test method; returns it. */
  public static ReservationEngine track(ReservationEngine engine) {
    TRACKED.add(engine);
    return engine;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    TRACKED.clear();
  }

  @Override
  public void afterEach(ExtensionContext context) throws IllegalAccessException {
    Set<ReservationEngine> engines = Collections.newSetFromMap(new IdentityHashMap<>());
    synchronized (TRACKED) {
      engines.addAll(TRACKED);
      TRACKED.clear();
    }
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      for (Class<?> type = instance.getClass(); type != Object.class; type = type.getSuperclass()) {
        for (Field field : type.getDeclaredFields()) {
          collect(field, Modifier.isStatic(field.getModifiers()) ? null : instance, engines);
        }
      }
    }
    for (ReservationEngine engine : engines) {
      EngineInvariants.check(engine);
    }
  }

  private static void collect(Field field, Object instance, Set<ReservationEngine> engines)
      throws IllegalAccessException {
    boolean engine = ReservationEngine.class.isAssignableFrom(field.getType());
    boolean collection = Collection.class.isAssignableFrom(field.getType());
    if (!engine && !collection) {
      return;
    }
    field.setAccessible(true);
    Object value = field.get(instance);
    if (value instanceof ReservationEngine) {
      engines.add((ReservationEngine) value);
    } else if (value instanceof Collection) {
      for (Object element : (Collection<?>) value) {
        if (element instanceof ReservationEngine) {
          engines.add((ReservationEngine) element);
        }
      }
    }
  }
}
