package dev.reservations.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * jackson-core is optional: the engine loads and runs from a class loader that holds only the main
 * classes and eclipse-collections (and jspecify's annotations), with the platform class loader as
 * parent, so no test-scope class can leak in.
 */
class NoJacksonClassPathTest {

  private static URLClassLoader withoutJackson() throws Exception {
    List<URL> urls = new ArrayList<>();
    Path classes = Path.of("target", "classes").toAbsolutePath();
    assertTrue(Files.isDirectory(classes.resolve("dev/reservations/engine")), classes.toString());
    urls.add(classes.toUri().toURL());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      assertFalse(name.isEmpty());
      if (name.startsWith("eclipse-collections") || name.startsWith("jspecify")) {
        urls.add(Path.of(entry).toUri().toURL());
      }
    }
    assertEquals(4, urls.size(), urls.toString()); // classes, ec, ec-api, jspecify
    for (URL url : urls) {
      assertFalse(url.toString().contains("jackson"), url.toString());
    }
    return new URLClassLoader(urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
  }

  @Test
  void engine_withoutJacksonOnTheClassPath_reservesAcceptsAndLists() throws Exception {
    try (URLClassLoader loader = withoutJackson()) {
      assertThrows(
          ClassNotFoundException.class,
          () -> Class.forName("com.fasterxml.jackson.core.JsonFactory", true, loader));

      Class<?> engineType =
          Class.forName("dev.reservations.engine.ReservationEngine", true, loader);
      assertEquals(loader, engineType.getClassLoader());
      Class<?> workspaceType = Class.forName("dev.reservations.core.WorkspaceSid", true, loader);
      Class<?> taskType = Class.forName("dev.reservations.core.TaskSid", true, loader);
      Class<?> workerType = Class.forName("dev.reservations.core.WorkerSid", true, loader);
      Class<?> sidType = Class.forName("dev.reservations.core.ReservationSid", true, loader);
      Class<?> queryType = Class.forName("dev.reservations.query.ReservationQuery", true, loader);
      Class<?> reservationType = Class.forName("dev.reservations.core.Reservation", true, loader);

      Object builder = engineType.getMethod("builder").invoke(null);
      builder = builder.getClass().getMethod("seed", long.class).invoke(builder, 42L);
      Object engine = builder.getClass().getMethod("build").invoke(builder);

      Object workspace = sid(workspaceType, 1, 2);
      Object task = sid(taskType, 3, 4);
      Object worker = sid(workerType, 5, 6);
      Method reserve =
          engineType.getMethod("reserve", workspaceType, taskType, workerType, String.class);
      Object pending = reserve.invoke(engine, workspace, task, worker, "Alice");
      reserve.invoke(engine, workspace, task, sid(workerType, 5, 7), "Bob");
      Object reservationSid = reservationType.getMethod("sid").invoke(pending);
      Object accepted = engineType.getMethod("accept", sidType).invoke(engine, reservationSid);
      assertEquals("ACCEPTED", reservationType.getMethod("status").invoke(accepted).toString());

      Object query =
          queryType.getMethod("forTask", workspaceType, taskType).invoke(null, workspace, task);
      query = queryType.getMethod("withPageSize", int.class).invoke(query, 1);
      Object page = engineType.getMethod("list", queryType).invoke(engine, query);
      List<?> items = (List<?>) page.getClass().getMethod("items").invoke(page);
      assertEquals(1, items.size());
      Optional<?> next = (Optional<?>) page.getClass().getMethod("nextPage").invoke(page);
      assertTrue(next.isPresent());
      Object second = engineType.getMethod("list", queryType).invoke(engine, next.get());
      List<?> secondItems = (List<?>) second.getClass().getMethod("items").invoke(second);
      assertEquals(
          Set.of("ACCEPTED", "RESCINDED"),
          Set.of(
              reservationType.getMethod("status").invoke(items.get(0)).toString(),
              reservationType.getMethod("status").invoke(secondItems.get(0)).toString()));
      assertEquals(2, engineType.getMethod("size").invoke(engine));

      assertThrows(
          NoClassDefFoundError.class,
          () -> Class.forName("dev.reservations.json.TaskRouterJson", true, loader));
    }
  }

  private static Object sid(Class<?> type, long high, long low) throws Exception {
    Constructor<?> constructor = type.getConstructor(long.class, long.class);
    return constructor.newInstance(high, low);
  }
}
