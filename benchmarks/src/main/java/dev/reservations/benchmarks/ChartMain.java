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
 * Reads JMH JSON results ({@code -rf json}) and draws, with plain Java2D, (1) the history sweep,
 * time per call against the worker's history length for each competitor, and (2) each
 * operation's time relative to the engine for each competitor, as PNG files; it also prints the
 * results as a Markdown table of medians with the ratios (and B/op when the run used
 * {@code -prof gc}).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.reservations.benchmarks.ChartMain
 * benchmarks/results/quick.json benchmarks/results} (writes {@code history-sweep.png} and
 * {@code ratios.png} into the folder given last).
 */
public final class ChartMain {
  private static final Color[] COLORS = {
      new Color(0x1b9e77), new Color(0xd95f02), new Color(0x7570b3), new Color(0xe7298a)};
  /** The secondary metric of {@code -prof gc} with the bytes allocated per operation. */
  private static final String GC_NORM = "gc.alloc.rate.norm";

  /** One score: an operation at one n for one competitor. */
  private record Score(String op, String n, Competitor store, double ns, double bytes) {}

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
      for (JsonNode run : mapper.readTree(new File(args[i]))) {
        read(run, scores, floors);
      }
    }
    File out = new File(args[args.length - 1]);
    if (!out.isDirectory() && !out.mkdirs()) {
      throw new IOException("cannot create " + out);
    }
    printTable(scores, floors);
    sweep(scores, new File(out, "history-sweep.png"));
    ratios(scores, new File(out, "ratios.png"));
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
    String floorOf = PageFloorBenchmark.class.getSimpleName() + ".";
    if (op.startsWith(floorOf)) {
      floors.put(ReadBenchmark.class.getSimpleName() + "." + op.substring(floorOf.length())
              + " n=" + params.path("n").asText(),
          median(run.path("primaryMetric"))
              * nanosPer(run.path("primaryMetric").path("scoreUnit").asText()));
      return;
    }
    if (!params.has("store")) {
      // not a competitor benchmark (JsonBenchmark compares itself with databind)
      return;
    }
    Competitor store = Competitor.valueOf(params.path("store").asText());
    String n = params.has("history")
        ? "history=" + params.get("history").asText()
        : "n=" + params.path("n").asText();
    double factor = nanosPer(run.path("primaryMetric").path("scoreUnit").asText());
    JsonNode secondary = run.path("secondaryMetrics");
    scores.add(new Score(op, n, store, median(run.path("primaryMetric")) * factor,
        secondary.path(GC_NORM).path("score").asDouble(Double.NaN)));
    if (run.path("mode").asText().equals("avgt") && benchmark.endsWith(".mixed")) {
      for (String part : List.of("reader", "writer")) {
        JsonNode m = secondary.path(part);
        if (!m.isMissingNode()) {
          scores.add(new Score(op + "." + part, n, store,
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

  /** op + n → competitor → score, in file order. */
  private static Map<String, Map<Competitor, Score>> byRow(List<Score> scores) {
    Map<String, Map<Competitor, Score>> rows = new LinkedHashMap<>();
    for (Score s : scores) {
      rows.computeIfAbsent(s.op() + " " + s.n(), k -> new TreeMap<>()).put(s.store(), s);
    }
    return rows;
  }

  /**
   * Prints one row per operation and n: each competitor's time, the floor (building the same
   * page with no lookup, for the reads), the competitors' times over the engine's, H2's over the
   * floor (the most any store returning records could reach against H2), and B/op.
   */
  private static void printTable(List<Score> scores, Map<String, Double> floors) {
    StringBuilder b = new StringBuilder();
    b.append("| operation | ");
    for (Competitor c : Competitor.values()) {
      b.append(c).append(" ns/op | ");
    }
    b.append("floor ns/op | × CQENGINE | × H2 | × NAIVE | H2 ÷ floor | B/op (E/CQ/H2/N) |\n|---|");
    b.append("---:|".repeat(Competitor.values().length + 6)).append('\n');
    for (Map.Entry<String, Map<Competitor, Score>> row : byRow(scores).entrySet()) {
      Map<Competitor, Score> m = row.getValue();
      b.append("| ").append(row.getKey()).append(" | ");
      for (Competitor c : Competitor.values()) {
        b.append(m.containsKey(c) ? format(m.get(c).ns()) : "–").append(" | ");
      }
      Double floor = floors.get(row.getKey());
      b.append(floor == null ? "–" : format(floor)).append(" | ");
      Score engine = m.get(Competitor.ENGINE);
      for (Competitor c : List.of(Competitor.CQENGINE, Competitor.H2, Competitor.NAIVE)) {
        b.append(engine != null && m.containsKey(c)
            ? String.format(Locale.ROOT, "%.1f×", m.get(c).ns() / engine.ns())
            : "–").append(" | ");
      }
      Score h2 = m.get(Competitor.H2);
      b.append(floor == null || h2 == null ? "–"
          : String.format(Locale.ROOT, "%.1f×", h2.ns() / floor)).append(" | ");
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

  private static String format(double ns) {
    return ns >= 100 ? String.format(Locale.ROOT, "%,.0f", ns)
        : String.format(Locale.ROOT, "%.1f", ns);
  }

  private static void sweep(List<Score> scores, File file) throws IOException {
    Map<Competitor, TreeMap<Integer, Double>> lines = new TreeMap<>();
    for (Score s : scores) {
      if (s.n().startsWith("history=")) {
        lines.computeIfAbsent(s.store(), k -> new TreeMap<>())
            .put(Integer.parseInt(s.n().substring(8)), s.ns());
      }
    }
    if (lines.isEmpty()) {
      return;
    }
    Canvas c = new Canvas("\"pending for worker W\" as W's finished history grows",
        "W's finished reservations (log)", "ns per call (log)");
    double minX = Double.MAX_VALUE;
    double maxX = 0;
    double minY = Double.MAX_VALUE;
    double maxY = 0;
    for (TreeMap<Integer, Double> line : lines.values()) {
      minX = Math.min(minX, line.firstKey());
      maxX = Math.max(maxX, line.lastKey());
      for (double y : line.values()) {
        minY = Math.min(minY, y);
        maxY = Math.max(maxY, y);
      }
    }
    c.logAxes(minX, maxX, minY, maxY);
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
      c.legend(e.getKey().ordinal(), e.getKey().name(), color);
    }
    c.write(file);
  }

  private static void ratios(List<Score> scores, File file) throws IOException {
    Map<String, Map<Competitor, Score>> rows = byRow(scores);
    rows.values().removeIf(m -> !m.containsKey(Competitor.ENGINE) || m.size() < 2);
    if (rows.isEmpty()) {
      return;
    }
    List<Competitor> others = List.of(Competitor.CQENGINE, Competitor.H2, Competitor.NAIVE);
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
      for (int k = 0; k < others.size(); k++) {
        Score s = row.getValue().get(others.get(k));
        if (s != null) {
          c.bar(i, k, others.size(), s.ns() / engine, COLORS[others.get(k).ordinal()]);
        }
      }
      c.category(i, row.getKey().substring(row.getKey().indexOf('.') + 1));
      i++;
    }
    c.baseline(1);
    for (Competitor o : others) {
      c.legend(o.ordinal() - 1, o.name(), COLORS[o.ordinal()]);
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
