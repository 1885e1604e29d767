package dev.reservations.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.lincheck.util.LoggingLevel;
import org.junit.jupiter.api.Test;

/**
 * Lincheck over {@link EngineOperations}: random scenarios by model checking and by stress, and
 * hand-written scenarios for the races the engine must settle, {@code deleteTask} against accept,
 * complete, list and count among them. The sequential specification is the engine run sequentially.
 * {@code -Dlincheck.heavy=true} multiplies the effort.
 */
class EngineLincheckTest {
  private static final boolean HEAVY = Boolean.getBoolean("lincheck.heavy");
  private static final int ITERATIONS = HEAVY ? 100 : 5;
  private static final int MODEL_INVOCATIONS = HEAVY ? 5_000 : 50;
  private static final int STRESS_INVOCATIONS = HEAVY ? 20_000 : 500;
  private static final int CUSTOM_MODEL_INVOCATIONS = HEAVY ? 10_000 : 60;
  private static final int CUSTOM_STRESS_INVOCATIONS = HEAVY ? 50_000 : 1_000;

  @Test
  void modelChecking_randomScenarios_areLinearizable() {
    new ModelCheckingOptions()
        .iterations(ITERATIONS)
        .invocationsPerIteration(MODEL_INVOCATIONS)
        .threads(3)
        .actorsPerThread(2)
        .actorsBefore(3)
        .actorsAfter(1)
        .logLevel(LoggingLevel.ERROR)
        .check(EngineOperations.class);
  }

  @Test
  void stress_randomScenarios_areLinearizable() {
    new StressOptions()
        .iterations(ITERATIONS)
        .invocationsPerIteration(STRESS_INVOCATIONS)
        .threads(3)
        .actorsPerThread(2)
        .actorsBefore(3)
        .actorsAfter(1)
        .logLevel(LoggingLevel.ERROR)
        .check(EngineOperations.class);
  }

  @Test
  void modelChecking_acceptRejectTimeoutOfOnePending_exactlyOneWins() {
    check(
        scenario(
            List.of(op("reserve", 0, 0)),
            List.of(List.of(op("accept", 0)), List.of(op("reject", 0)), List.of(op("timeout", 0))),
            List.of(op("get", 0))));
  }

  @Test
  void modelChecking_acceptRejectAndDeadlinePassing_exactlyOneWins() {
    check(
        scenario(
            List.of(op("reserve", 0, 0), op("advance")),
            List.of(
                List.of(op("accept", 0)),
                List.of(op("updateAt", 0, 0)),
                List.of(op("advance"), op("expireDue"))),
            List.of(op("get", 0), op("pendingCount"), op("size"))));
  }

  @Test
  void modelChecking_concurrentAcceptsOfOneTask_oneAcceptedRestRescinded() {
    check(
        scenario(
            List.of(op("reserve", 0, 0), op("reserve", 0, 1), op("reserve", 0, 2)),
            List.of(List.of(op("accept", 0)), List.of(op("accept", 1)), List.of(op("accept", 2))),
            List.of(op("listTask", 0), op("pendingCount"), op("size"))));
  }

  @Test
  void modelChecking_cancelTaskAgainstAcceptAndReserve_linearizable() {
    check(
        scenario(
            List.of(op("reserve", 0, 0), op("reserve", 0, 1)),
            List.of(
                List.of(op("cancelTask", 0)),
                List.of(op("accept", 1)),
                List.of(op("reserve", 0, 2))),
            List.of(op("listTask", 0))));
  }

  @Test
  void modelChecking_deleteTaskAgainstAcceptCompleteListAndCount_linearizable() {
    check(
        scenario(
            List.of(op("reserve", 0, 0), op("reserve", 0, 1)),
            List.of(
                List.of(op("deleteTask", 0)),
                List.of(op("accept", 1), op("complete", 1)),
                List.of(op("listTask", 0), op("countTask", 0))),
            List.of(op("size"))));
  }

  @Test
  void modelChecking_checkThenActWrapper_isReported() {
    ExecutionScenario race =
        new ExecutionScenario(
            List.of(actor(CheckThenActOperations.class, "reserve", 0)),
            List.of(
                List.of(actor(CheckThenActOperations.class, "accept", 0)),
                List.of(actor(CheckThenActOperations.class, "reject", 0))),
            List.of(),
            null);
    LincheckAssertionError failure =
        assertThrows(
            LincheckAssertionError.class,
            () ->
                new ModelCheckingOptions()
                    .iterations(0)
                    .invocationsPerIteration(1_000)
                    .addCustomScenario(race)
                    .minimizeFailedScenario(false)
                    .logLevel(LoggingLevel.ERROR)
                    .check(CheckThenActOperations.class));
    assertTrue(failure.getMessage().contains("Invalid execution results"), failure::getMessage);
  }

  private static void check(ExecutionScenario scenario) {
    new ModelCheckingOptions()
        .iterations(0)
        .invocationsPerIteration(CUSTOM_MODEL_INVOCATIONS)
        .addCustomScenario(scenario)
        .logLevel(LoggingLevel.ERROR)
        .check(EngineOperations.class);
    new StressOptions()
        .iterations(0)
        .invocationsPerIteration(CUSTOM_STRESS_INVOCATIONS)
        .addCustomScenario(scenario)
        .logLevel(LoggingLevel.ERROR)
        .check(EngineOperations.class);
  }

  private static ExecutionScenario scenario(
      List<Actor> init, List<List<Actor>> parallel, List<Actor> post) {
    return new ExecutionScenario(init, parallel, post, null);
  }

  private static Actor op(String name, Object... args) {
    return actor(EngineOperations.class, name, args);
  }

  private static Actor actor(Class<?> type, String name, Object... args) {
    Method method =
        Arrays.stream(type.getMethods())
            .filter(m -> m.getName().equals(name) && m.getParameterCount() == args.length)
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no operation " + name));
    return new Actor(method, List.of(args), false, false, false, false, false);
  }
}
