package dev.reservations.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the results of {@link HttpBenchmark} and {@link HttpLatencyBenchmark} (JMH JSON, {@code
 * -rf json}) as a Markdown table: for each request and target, the median of the measured
 * iterations' requests per second, the p50 and p99 latency, and the ratios the README quotes
 * (in process over loopback, loopback over WireMock, both in requests per second).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.reservations.benchmarks.HttpTableMain benchmarks/results/quick-http.json}
 */
public final class HttpTableMain {
  /** One request's figures for one target; NaN where the run did not measure it. */
  private static final class Row {
    double perSecond = Double.NaN;
    double p50 = Double.NaN;
    double p99 = Double.NaN;
  }

  private HttpTableMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: HttpTableMain results.json...");
      System.exit(2);
    }
    Map<String, Map<HttpTarget, Row>> rows = new TreeMap<>();
    ObjectMapper mapper = new ObjectMapper();
    for (String file : args) {
      for (JsonNode run : mapper.readTree(new File(file))) {
        String benchmark = run.path("benchmark").asText();
        String op = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        HttpTarget target = HttpTarget.valueOf(run.path("params").path("target").asText());
        Row row = rows.computeIfAbsent(op, k -> new EnumMap<>(HttpTarget.class))
            .computeIfAbsent(target, k -> new Row());
        JsonNode metric = run.path("primaryMetric");
        if (run.path("mode").asText().equals("thrpt")) {
          row.perSecond = median(metric) * perSecond(metric.path("scoreUnit").asText());
        } else if (run.path("mode").asText().equals("sample")) {
          double toMicros = micros(metric.path("scoreUnit").asText());
          row.p50 = metric.path("scorePercentiles").path("50.0").asDouble() * toMicros;
          row.p99 = metric.path("scorePercentiles").path("99.0").asDouble() * toMicros;
        }
      }
    }
    System.out.println("| request | target | requests/s | p50 µs | p99 µs |");
    System.out.println("|---|---|---:|---:|---:|");
    for (Map.Entry<String, Map<HttpTarget, Row>> op : rows.entrySet()) {
      for (Map.Entry<HttpTarget, Row> e : op.getValue().entrySet()) {
        Row r = e.getValue();
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", op.getKey(), e.getKey(),
            format(r.perSecond), format(r.p50), format(r.p99));
      }
    }
    System.out.println();
    System.out.println("| request | in process ÷ loopback | loopback ÷ WireMock |");
    System.out.println("|---|---:|---:|");
    for (Map.Entry<String, Map<HttpTarget, Row>> op : rows.entrySet()) {
      Map<HttpTarget, Row> byTarget = op.getValue();
      System.out.printf(Locale.ROOT, "| %s | %s | %s |%n", op.getKey(),
          ratio(byTarget, HttpTarget.IN_PROCESS, HttpTarget.LOOPBACK),
          ratio(byTarget, HttpTarget.LOOPBACK, HttpTarget.WIREMOCK));
    }
  }

  private static String ratio(Map<HttpTarget, Row> rows, HttpTarget over, HttpTarget under) {
    Row a = rows.get(over);
    Row b = rows.get(under);
    if (a == null || b == null || Double.isNaN(a.perSecond) || Double.isNaN(b.perSecond)) {
      return "–";
    }
    return String.format(Locale.ROOT, "%.2f×", a.perSecond / b.perSecond);
  }

  private static String format(double value) {
    if (Double.isNaN(value)) {
      return "–";
    }
    return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  /** The median of a metric's measured iterations, every fork's. */
  private static double median(JsonNode metric) {
    List<Double> values = new ArrayList<>();
    for (JsonNode fork : metric.path("rawData")) {
      for (JsonNode iteration : fork) {
        values.add(iteration.asDouble());
      }
    }
    if (values.isEmpty()) {
      return metric.path("score").asDouble();
    }
    values.sort(null);
    int mid = values.size() / 2;
    return values.size() % 2 == 1 ? values.get(mid) : (values.get(mid - 1) + values.get(mid)) / 2;
  }

  private static double perSecond(String unit) {
    switch (unit) {
      case "ops/s":
        return 1;
      case "ops/ms":
        return 1e3;
      case "ops/us":
        return 1e6;
      default:
        throw new IllegalArgumentException("unexpected throughput unit: " + unit);
    }
  }

  private static double micros(String unit) {
    switch (unit) {
      case "s/op":
        return 1e6;
      case "ms/op":
        return 1e3;
      case "us/op":
        return 1;
      case "ns/op":
        return 1e-3;
      default:
        throw new IllegalArgumentException("unexpected time unit: " + unit);
    }
  }
}
