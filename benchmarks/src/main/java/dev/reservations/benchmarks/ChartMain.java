package dev.reservations.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;

/**
 * Reads JMH JSON results ({@code -rf json}) and prints them as Markdown tables of medians: every
 * operation for each data shape, with each competitor's time, the floor ({@link
 * PageFloorBenchmark}), the ratios competitor ÷ engine for CQENGINE, CQENGINE_EXPERT, H2 and
 * NAIVE, H2 ÷ floor and B/op (when the run used {@code -prof gc}); issue 14's targets against
 * those ratios; the history sweep as ratios against the history's length; the lifecycle in
 * reservations per second. It also draws, with plain Java2D, the ratio against the history's
 * length for each rival ({@code history-sweep.png}: the whole history's first page; {@code
 * pending-sweep.png}: the pending page) and each operation's ratios ({@code ratios.png}).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.reservations.benchmarks.ChartMain
 * benchmarks/results/quick.json benchmarks/results} (writes the PNG files into the folder given
 * last).
 */
public final class ChartMain {
  private static final Color[] COLORS = {
      new Color(0x1b9e77), new Color(0xd95f02), new Color(0xe6ab02), new Color(0x7570b3),
      new Color(0xe7298a)};
  /** The secondary metric of {@code -prof gc} with the bytes allocated per operation. */
  private static final String GC_NORM = "gc.alloc.rate.norm";
  private static final List<Competitor> RIVALS = List.of(Competitor.CQENGINE,
      Competitor.CQENGINE_EXPERT, Competitor.H2, Competitor.NAIVE);
  private static final String SWEEP = HistorySweepBenchmark.class.getSimpleName() + ".";

  /** One score: an operation on one data shape at one n (or history) for one competitor. */
  private record Score(String op, String shape, String n, Competitor store, double ns,
      double bytes) {
    String row() {
      return op + (shape.isEmpty() ? "" : " " + shape) + " " + n;
    }
  }

  /** Issue 14's target for an operation: competitor ÷ engine against both CQEngine setups. */
  private record Target(String op, String label, double uniform, double skewed) {}

  private static final List<Target> TARGETS = List.of(
      new Target("ReadBenchmark.taskStatusFirstPage", "task + status page", 4, 4),
      new Target("ReadBenchmark.workerPendingFirstPage", "worker + pending page", 3, 10),
      new Target("ReadBenchmark.workerHistoryPage1", "history page 1", 100, 1000),
      new Target("ReadBenchmark.workerHistoryPage2", "history page 2", 100, 1000),
      new Target("WriteBenchmark.insert", "insert", 10, 10),
      new Target("WriteBenchmark.accept", "accept with rescinds", 20, 20));
  /** Every row must stay at least this many times faster than H2. */
  private static final double H2_TARGET = 15;

  private ChartMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: ChartMain results.json... output-folder");
      System.exit(2);
    }
    List<Score> scores = new ArrayList<>();
    Map<String, Double> floors = new LinkedHashMap<>();
    ObjectMapper mapper = new ObjectMapper();
    for (int i = 0; i < args.length - 1; i++) {
      File file = new File(args[i]);
      if (!file.isFile()) {
        System.err.println("skipping missing " + file);
        continue;
      }
      for (JsonNode run : mapper.readTree(file)) {
        read(run, scores, floors);
      }
    }
    File out = new File(args[args.length - 1]);
    if (!out.isDirectory() && !out.mkdirs()) {
      throw new IOException("cannot create " + out);
    }
    List<Score> sweep = new ArrayList<>();
    List<Score> rest = new ArrayList<>();
    for (Score s : scores) {
      (s.op().startsWith(SWEEP) ? sweep : rest).add(s);
    }
    printTable(rest, floors);
    printTargets(rest);
    printLifecycle(rest);
    printSweep(sweep);
    sweepChart(sweep, SWEEP + "historyPage1",
        "W's first page of 50 of its whole history: rival time ÷ engine time",
        new File(out, "history-sweep.png"));
    sweepChart(sweep, SWEEP + "pendingForWorker",
        "\"pending for worker W\" (3 pending): rival time ÷ engine time",
        new File(out, "pending-sweep.png"));
    ratios(rest, new File(out, "ratios.png"));
  }

  /**
   * Adds a run's score to {@code scores}, or for {@link PageFloorBenchmark} to {@code floors},
   * keyed by the row of the read it is the floor of.
   */
  private static void read(JsonNode run, List<Score> scores, Map<String, Double> floors) {
    String benchmark = run.get("benchmark").asText();
    String op = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1)
        + 1);
    JsonNode params = run.path("params");
    String shape = params.path("shape").asText("");
    String floorOf = PageFloorBenchmark.class.getSimpleName() + ".";
    double factor = nanosPer(run.path("primaryMetric").path("scoreUnit").asText());
    if (op.startsWith(floorOf)) {
      Score row = new Score(ReadBenchmark.class.getSimpleName() + "."
          + op.substring(floorOf.length()), shape, "n=" + params.path("n").asText(),
          Competitor.ENGINE, 0, 0);
      floors.put(row.row(), median(run.path("primaryMetric")) * factor);
      return;
    }
    if (!params.has("store")) {
      // not a competitor benchmark (JsonBenchmark compares itself with databind)
      return;
    }
    Competitor store = Competitor.valueOf(params.path("store").asText());
    List<String> keys = new ArrayList<>();
    params.fieldNames().forEachRemaining(keys::add);
    StringBuilder n = new StringBuilder();
    for (String key : keys) {
      if (!key.equals("store") && !key.equals("shape")) {
        n.append(n.length() == 0 ? "" : " ").append(key).append('=')
            .append(params.get(key).asText());
      }
    }
    JsonNode secondary = run.path("secondaryMetrics");
    scores.add(new Score(op, shape, n.toString(), store,
        median(run.path("primaryMetric")) * factor,
        secondary.path(GC_NORM).path("score").asDouble(Double.NaN)));
    if (run.path("mode").asText().equals("avgt") && benchmark.endsWith(".mixed")) {
      for (String part : List.of("reader", "writer")) {
        JsonNode m = secondary.path(part);
        if (!m.isMissingNode()) {
          scores.add(new Score(op + "." + part, shape, n.toString(), store,
              median(m) * nanosPer(m.path("scoreUnit").asText()), Double.NaN));
        }
      }
    }
  }

  /**
   * The median of a metric's measured iterations (every fork's), not JMH's mean: one slow
   * iteration on a shared machine, or one single shot that pays for a table's growth, moves a
   * mean far more than it moves a median.
   */
  private static double median(JsonNode metric) {
    List<Double> values = new ArrayList<>();
    for (JsonNode fork : metric.path("rawData")) {
      for (JsonNode value : fork) {
        values.add(value.asDouble());
      }
    }
    if (values.isEmpty()) {
      return metric.path("score").asDouble();
    }
    values.sort(null);
    int mid = values.size() / 2;
    return values.size() % 2 == 1 ? values.get(mid) : (values.get(mid - 1) + values.get(mid)) / 2;
  }

  private static double nanosPer(String unit) {
    switch (unit) {
      case "ns/op":
        return 1;
      case "us/op":
        return 1e3;
      case "ms/op":
        return 1e6;
      case "s/op":
        return 1e9;
      default:
        throw new IllegalArgumentException("unexpected unit " + unit);
    }
  }

  /** row (op, shape, n) → competitor → score, in file order. */
  private static Map<String, Map<Competitor, Score>> byRow(List<Score> scores) {
    Map<String, Map<Competitor, Score>> rows = new LinkedHashMap<>();
    for (Score s : scores) {
      rows.computeIfAbsent(s.row(), k -> new TreeMap<>()).put(s.store(), s);
    }
    return rows;
  }

  private static String ratio(Map<Competitor, Score> m, Competitor c) {
    Score engine = m.get(Competitor.ENGINE);
    Score rival = m.get(c);
    return engine == null || rival == null ? "–" : times(rival.ns() / engine.ns());
  }

  private static String times(double ratio) {
    return ratio >= 100 ? String.format(Locale.ROOT, "%,.0f×", ratio)
        : String.format(Locale.ROOT, "%.1f×", ratio);
  }

  /**
   * Prints one row per operation, shape and n: each competitor's time, the floor (building the
   * same page with no lookup, for the reads), the competitors' times over the engine's, H2's over
   * the floor (the most any store returning records could reach against H2), and B/op.
   */
  private static void printTable(List<Score> scores, Map<String, Double> floors) {
    StringBuilder b = new StringBuilder("| operation | ");
    for (Competitor c : Competitor.values()) {
      b.append(c).append(" ns/op | ");
    }
    b.append("floor ns/op | ");
    for (Competitor c : RIVALS) {
      b.append("× ").append(c).append(" | ");
    }
    b.append("H2 ÷ floor | B/op (E/CQ/CQX/H2/N) |\n|---|");
    b.append("---:|".repeat(Competitor.values().length + RIVALS.size() + 3)).append('\n');
    for (Map.Entry<String, Map<Competitor, Score>> row : byRow(scores).entrySet()) {
      Map<Competitor, Score> m = row.getValue();
      b.append("| ").append(row.getKey()).append(" | ");
      for (Competitor c : Competitor.values()) {
        b.append(m.containsKey(c) ? format(m.get(c).ns()) : "–").append(" | ");
      }
      Double floor = floors.get(row.getKey());
      b.append(floor == null ? "–" : format(floor)).append(" | ");
      for (Competitor c : RIVALS) {
        b.append(ratio(m, c)).append(" | ");
      }
      Score h2 = m.get(Competitor.H2);
      b.append(floor == null || h2 == null ? "–" : times(h2.ns() / floor)).append(" | ");
      List<String> bytes = new ArrayList<>();
      for (Competitor c : Competitor.values()) {
        Score s = m.get(c);
        bytes.add(s == null || Double.isNaN(s.bytes())
            ? "–" : String.format(Locale.ROOT, "%.0f", s.bytes()));
      }
      b.append(String.join(" / ", bytes)).append(" |\n");
    }
    System.out.print(b);
  }

  /** Issue 14's targets beside the ratios: each shape, both CQEngine setups, H2. */
  private static void printTargets(List<Score> scores) {
    Map<String, Map<Competitor, Score>> rows = byRow(scores);
    StringBuilder b = new StringBuilder("\n| target | shape | n | × CQENGINE | × CQENGINE_EXPERT "
        + "| target | × H2 (≥ 15×) | met |\n|---|---|---|---:|---:|---:|---:|---|\n");
    for (Target t : TARGETS) {
      for (Map.Entry<String, Map<Competitor, Score>> row : rows.entrySet()) {
        Score engine = row.getValue().get(Competitor.ENGINE);
        if (engine == null || !engine.op().equals(t.op())) {
          continue;
        }
        Map<Competitor, Score> m = row.getValue();
        double target = engine.shape().equals("UNIFORM") ? t.uniform() : t.skewed();
        boolean met = true;
        for (Competitor c : List.of(Competitor.CQENGINE, Competitor.CQENGINE_EXPERT)) {
          met &= m.containsKey(c) && m.get(c).ns() / engine.ns() >= target;
        }
        met &= m.containsKey(Competitor.H2)
            && m.get(Competitor.H2).ns() / engine.ns() >= H2_TARGET;
        b.append("| ").append(t.label()).append(" | ").append(engine.shape()).append(" | ")
            .append(engine.n()).append(" | ").append(ratio(m, Competitor.CQENGINE)).append(" | ")
            .append(ratio(m, Competitor.CQENGINE_EXPERT)).append(" | ≥ ").append(times(target))
            .append(" | ").append(ratio(m, Competitor.H2)).append(" | ")
            .append(met ? "yes" : "no").append(" |\n");
      }
    }
    System.out.print(b);
  }

  /** The lifecycle benchmark: time per task (three reservations), reservations per second. */
  private static void printLifecycle(List<Score> scores) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, Map<Competitor, Score>> row : byRow(scores).entrySet()) {
      if (!row.getKey().startsWith(LifecycleBenchmark.class.getSimpleName() + ".")) {
        continue;
      }
      if (b.length() == 0) {
        b.append("\n| lifecycle (reserve 3, accept 1, wrap, complete) | store | µs per task "
            + "| reservations/s | × engine |\n|---|---|---:|---:|---:|\n");
      }
      for (Map.Entry<Competitor, Score> e : row.getValue().entrySet()) {
        b.append("| ").append(row.getKey()).append(" | ").append(e.getKey()).append(" | ")
            .append(String.format(Locale.ROOT, "%,.2f", e.getValue().ns() / 1e3)).append(" | ")
            .append(String.format(Locale.ROOT, "%,.0f", 3e9 / e.getValue().ns())).append(" | ")
            .append(ratio(row.getValue(), e.getKey())).append(" |\n");
      }
    }
    System.out.print(b);
  }

  /** The history sweep: engine time and each rival's ratio, per history length. */
  private static void printSweep(List<Score> sweep) {
    Map<String, Map<Competitor, Score>> rows = byRow(sweep);
    if (rows.isEmpty()) {
      return;
    }
    StringBuilder b = new StringBuilder("\n| sweep | engine ns/op | ");
    for (Competitor c : RIVALS) {
      b.append("× ").append(c).append(" | ");
    }
    b.append("\n|---|---:|").append("---:|".repeat(RIVALS.size())).append('\n');
    for (Map.Entry<String, Map<Competitor, Score>> row : rows.entrySet()) {
      Score engine = row.getValue().get(Competitor.ENGINE);
      b.append("| ").append(row.getKey()).append(" | ")
          .append(engine == null ? "–" : format(engine.ns())).append(" | ");
      for (Competitor c : RIVALS) {
        b.append(ratio(row.getValue(), c)).append(" | ");
      }
      b.append('\n');
    }
    System.out.print(b);
  }

  private static String format(double ns) {
    return ns >= 100 ? String.format(Locale.ROOT, "%,.0f", ns)
        : String.format(Locale.ROOT, "%.1f", ns);
  }

  /** Each rival's time ÷ the engine's against the swept worker's history length. */
  private static void sweepChart(List<Score> sweep, String op, String title, File file)
      throws IOException {
    Map<Integer, Double> engine = new TreeMap<>();
    for (Score s : sweep) {
      if (s.op().equals(op) && s.store() == Competitor.ENGINE) {
        engine.put(history(s), s.ns());
      }
    }
    Map<Competitor, TreeMap<Integer, Double>> lines = new TreeMap<>();
    for (Score s : sweep) {
      if (s.op().equals(op) && s.store() != Competitor.ENGINE
          && engine.containsKey(history(s))) {
        lines.computeIfAbsent(s.store(), k -> new TreeMap<>())
            .put(history(s), s.ns() / engine.get(history(s)));
      }
    }
    if (lines.isEmpty()) {
      return;
    }
    Canvas c = new Canvas(title, "W's finished reservations (log)",
        "rival ÷ engine (log; higher: engine faster)");
    double minX = Double.MAX_VALUE;
    double maxX = 0;
    double minY = 1;
    double maxY = 10;
    for (TreeMap<Integer, Double> line : lines.values()) {
      minX = Math.min(minX, line.firstKey());
      maxX = Math.max(maxX, line.lastKey());
      for (double y : line.values()) {
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
    c.logAxes(minX, maxX, minY, maxY);
    c.baseline(1);
    for (Map.Entry<Competitor, TreeMap<Integer, Double>> e : lines.entrySet()) {
      Color color = COLORS[e.getKey().ordinal()];
      int[] previous = null;
      for (Map.Entry<Integer, Double> p : e.getValue().entrySet()) {
        int[] xy = c.point(p.getKey(), p.getValue());
        c.dot(xy, color);
        if (previous != null) {
          c.line(previous, xy, color);
        }
        previous = xy;
      }
      c.legend(RIVALS.indexOf(e.getKey()), e.getKey().name(), color);
    }
    c.write(file);
  }

  private static int history(Score s) {
    return Integer.parseInt(s.n().substring(s.n().indexOf("history=") + 8).split(" ")[0]);
  }

  private static void ratios(List<Score> scores, File file) throws IOException {
    Map<String, Map<Competitor, Score>> rows = byRow(scores);
    rows.values().removeIf(m -> !m.containsKey(Competitor.ENGINE) || m.size() < 2);
    if (rows.isEmpty()) {
      return;
    }
    double maxY = 10;
    for (Map<Competitor, Score> m : rows.values()) {
      for (Score s : m.values()) {
        maxY = Math.max(maxY, s.ns() / m.get(Competitor.ENGINE).ns());
      }
    }
    Canvas c = new Canvas("Competitor time ÷ engine time per operation (higher: engine faster)",
        "", "ratio (log)");
    c.width = Math.max(c.width, 160 + rows.size() * 70);
    c.reset();
    c.logAxes(0, rows.size(), 0.1, maxY * 1.5);
    int i = 0;
    for (Map.Entry<String, Map<Competitor, Score>> row : rows.entrySet()) {
      double engine = row.getValue().get(Competitor.ENGINE).ns();
      for (int k = 0; k < RIVALS.size(); k++) {
        Score s = row.getValue().get(RIVALS.get(k));
        if (s != null) {
          c.bar(i, k, RIVALS.size(), s.ns() / engine, COLORS[RIVALS.get(k).ordinal()]);
        }
      }
      c.category(i, row.getKey().substring(row.getKey().indexOf('.') + 1));
      i++;
    }
    c.baseline(1);
    for (int k = 0; k < RIVALS.size(); k++) {
      c.legend(k, RIVALS.get(k).name(), COLORS[RIVALS.get(k).ordinal()]);
    }
    c.write(file);
  }

  /** A plot area with log-scaled axes (the x axis is linear for categories). */
  private static final class Canvas {
    int width = 960;
    int height = 600;
    final int left = 90;
    final int top = 50;
    final int bottom = 200;
    final int right = 170;
    final String title;
    final String xLabel;
    final String yLabel;
    BufferedImage image;
    Graphics2D g;
    double minX;
    double maxX;
    double minY;
    double maxY;
    boolean logX;

    Canvas(String title, String xLabel, String yLabel) {
      this.title = title;
      this.xLabel = xLabel;
      this.yLabel = yLabel;
      reset();
    }

    void reset() {
      image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
      g = image.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
      g.drawString(title, left, 30);
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      g.drawString(xLabel, left + (width - left - right) / 2 - 80, height - 20);
      g.drawString(yLabel, 10, top - 10);
    }

    void logAxes(double x0, double x1, double y0, double y1) {
      logX = x0 > 0;
      minX = logX ? Math.log10(x0) : x0;
      maxX = logX ? Math.log10(x1) : x1;
      if (maxX == minX) {
        maxX = minX + 1;
      }
      minY = Math.floor(Math.log10(y0));
      maxY = Math.ceil(Math.log10(y1));
      if (maxY == minY) {
        maxY = minY + 1;
      }
      g.setColor(Color.BLACK);
      g.drawRect(left, top, width - left - right, height - top - bottom);
      for (int e = (int) minY; e <= maxY; e++) {
        int y = y(Math.pow(10, e));
        g.setColor(new Color(0xdddddd));
        g.drawLine(left + 1, y, width - right - 1, y);
        g.setColor(Color.BLACK);
        g.drawString(decade(e), left - 60, y + 4);
      }
      if (logX) {
        for (int e = (int) Math.floor(minX); e <= maxX; e++) {
          int x = x(Math.pow(10, e));
          g.drawString(decade(e), x - 15, height - bottom + 18);
        }
      }
    }

    private static String decade(int e) {
      return e >= 0 ? String.format(Locale.ROOT, "%,.0f", Math.pow(10, e))
          : String.format(Locale.ROOT, "%s", Math.pow(10, e));
    }

    int x(double value) {
      double v = logX ? Math.log10(value) : value;
      double margin = logX ? 0.05 * (maxX - minX) : 0;
      return left + (int) Math.round((v - minX + margin) / (maxX - minX + 2 * margin)
          * (width - left - right));
    }

    int y(double value) {
      double v = Math.log10(value);
      return height - bottom - (int) Math.round((v - minY) / (maxY - minY)
          * (height - top - bottom));
    }

    int[] point(double x, double y) {
      return new int[] {x(x), y(y)};
    }

    void dot(int[] p, Color color) {
      g.setColor(color);
      g.fillOval(p[0] - 4, p[1] - 4, 8, 8);
    }

    void line(int[] a, int[] b, Color color) {
      g.setColor(color);
      g.setStroke(new BasicStroke(2));
      g.drawLine(a[0], a[1], b[0], b[1]);
      g.setStroke(new BasicStroke(1));
    }

    void bar(int category, int k, int of, double value, Color color) {
      int x0 = x(category);
      int slot = x(category + 1) - x0;
      int w = Math.max(2, (slot - 10) / of);
      int x = x0 + 5 + k * w;
      int y1 = y(1);
      int y = y(value);
      g.setColor(color);
      g.fillRect(x, Math.min(y, y1), w - 1, Math.abs(y1 - y));
    }

    void baseline(double value) {
      g.setColor(Color.BLACK);
      int y = y(value);
      g.drawLine(left, y, width - right, y);
    }

    void category(int category, String label) {
      Graphics2D r = (Graphics2D) g.create();
      r.setColor(Color.BLACK);
      r.translate(x(category + 0.5) + 4, height - bottom + 8);
      r.rotate(Math.PI / 4);
      r.drawString(label, 0, 0);
      r.dispose();
    }

    void legend(int row, String name, Color color) {
      int y = top + 20 + row * 20;
      g.setColor(color);
      g.fillRect(width - right + 15, y - 10, 12, 12);
      g.setColor(Color.BLACK);
      g.drawString(name, width - right + 32, y);
    }

    void write(File file) throws IOException {
      g.dispose();
      if (!ImageIO.write(image, "png", file)) {
        throw new IOException("no PNG writer");
      }
      System.out.println("wrote " + file);
    }
  }

}
