package dev.reservations.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Requests per second of TaskRouter's HTTP, one client thread with one keep-alive connection:
 * a 50-item list page and an update, in process through {@code EngineHttpClient}, over loopback
 * to {@code TaskRouterServer}, and over loopback to WireMock serving a canned copy of the same
 * answers ({@link HttpRivals}). {@link HttpLatencyBenchmark} gives the p50 and p99 of the same
 * requests.
 *
 * <p>Ten warm-ups of 3 s: the JDK's {@code HttpServer} and {@code HttpClient} take about 20 s
 * to reach their speed (a loopback page went from 790 to 3,000 requests/s over the warm-ups),
 * and a ratio against a loopback server still warming up overstates the in-process client.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar 'HttpBenchmark'}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class HttpBenchmark {
  @Benchmark
  public String listPage(HttpRivals rivals) throws IOException, InterruptedException {
    return rivals.listPage();
  }

  @Benchmark
  public String update(HttpRivals rivals) throws IOException, InterruptedException {
    return rivals.update();
  }
}
