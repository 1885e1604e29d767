package dev.reservations.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.reservations.core.Reservation;
import dev.reservations.query.Page;
import dev.reservations.text.Echo;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes and reads TaskRouter's wire JSON for reservations: a list page, as {@code GET
 * /v1/Workspaces/{ws}/Tasks/{task}/Reservations} (or {@code …/Workers/{worker}/Reservations})
 * returns it, and a single reservation, as the fetch and update endpoints return it.
 *
 * <pre>{@code
 * TaskRouterJson json = TaskRouterJson.create();
 * String body = json.writePage(engine.list(ReservationQuery.forTask(workspace, task)));
 * Page<Reservation> page = json.readPage(body);
 * }</pre>
 *
 * <p><b>Output.</b> A page is an object with exactly {@code meta} and {@code reservations}. {@code
 * meta} holds {@code first_page_url}, {@code key} ({@code "reservations"}), {@code next_page_url}
 * and {@code previous_page_url} (absolute, or null), {@code page}, {@code page_size} and {@code
 * url}, the absolute URL of the page itself, with its {@code PageToken}. A reservation holds {@code
 * account_sid}, {@code date_created}, {@code date_updated}, {@code links} ({@code task}, {@code
 * worker}, {@code workspace}), {@code reservation_status}, {@code sid}, {@code task_sid}, {@code
 * url}, {@code worker_name}, {@code worker_sid} and {@code workspace_sid}, in that order, and never
 * TaskRouter's {@code attention}. Its {@code url} is on the path of the page's own list: a task
 * list's reservations are under {@code /Tasks/{task}}, a worker list's under {@code
 * /Workers/{worker}}. Dates are UTC in whole seconds, {@code 2014-05-14T10:50:02Z}, truncated
 * (never rounded) towards the past, before 1970 too. The output is compact UTF-8 JSON.
 *
 * <p><b>Input.</b> Reading is strict about what it uses and ignores the rest: unknown fields (such
 * as {@code attention}) and the derived {@code url} and {@code links} of a reservation are skipped
 * unread. Both task and worker lists read back; the page's query is {@code meta.url} parsed by
 * {@link dev.reservations.query.ReservationQuery#parse}, after this adapter's base URL is cut off
 * if {@code meta.url} starts with it (any other host is accepted too). {@code next_page_url} and
 * {@code previous_page_url} may be null or absent, and must be of the same list. {@code key},
 * {@code page}, {@code page_size} and {@code first_page_url} are optional; when present they must
 * agree with {@code meta.url}. Every reservation of a page must belong to its list (workspace, task
 * or worker, and filters). Dates are any ISO-8601 date-time with an offset ({@code Z}, {@code
 * +02:00}, fractions of a second kept), normalised to UTC. The wire has no version, so every
 * reservation read has {@code version} 0. The nine data fields of a reservation are required and
 * must not be null, since {@link Reservation} requires them.
 *
 * <p><b>Errors.</b> Bad input is an {@code IllegalArgumentException} whose message starts with the
 * JSON path and ends with the offending value: {@code $.reservations[3].sid: reservation sid must
 * match ^WR[0-9a-fA-F]{32}$: WRxyz}. That covers empty, truncated and non-JSON input ({@code …input
 * is not complete JSON…}), wrong types, nulls, missing fields, a field name repeated in an object
 * the reader uses (values it skips are not checked for that), more than one JSON value, and input
 * past the limits: nesting deeper than 64 levels, strings longer than 65,536 chars, objects with
 * more than 1,000 fields or pages with more reservations than their page size. A read never returns
 * part of a document. An I/O failure of a caller's stream is an {@link UncheckedIOException};
 * nothing else escapes. Null arguments are {@code NullPointerException}s. Callers' streams are
 * neither closed nor buffered beyond what the parser reads; writes flush them.
 *
 * <p><b>Thread safety.</b> Immutable and thread-safe: one instance may serve every thread. Each
 * read uses its own parser from a shared, pre-configured {@link JsonFactory}; each write its own
 * writer, which is the thread's spare one when it has one (see Cost).
 *
 * <p><b>Cost.</b> Writing is O(page size): the JSON goes straight into UTF-8 bytes, exactly those
 * jackson-core's generator would write for it, and allocates the output and a constant amount per
 * page (the meta URLs); sids and dates are formatted in place. Each thread keeps a writer between
 * its writes, as jackson-core keeps a buffer recycler: its buffer (up to 256 KB, a page of about
 * 250 items; a longer one gets a buffer of its own), so a page is not written into freshly
 * allocated memory, and the parts of the last rows that depend only on their account, workspace,
 * worker and list ({@code {base}/v1/Workspaces/{ws}} and the like), made again when a row's differ.
 * No byte written is read by a later write. Like jackson-core's recycler, the kept writer is a
 * class of this library in a thread-local, so a pooled thread of an application server keeps this
 * library's class loader until the thread ends. Reading is O(input length) and allocates the
 * reservations and their values; an object with unknown fields also allocates a small set of their
 * names.
 */
public final class TaskRouterJson {
  /** TaskRouter's own base URL, the default. */
  public static final String DEFAULT_BASE_URL = "https://taskrouter.twilio.com";

  /**
   * Jackson's own string limit, above {@link WireReader#MAX_STRING} so that a string a little too
   * long gets our message with its exact length; past it the parser stops reading.
   */
  private static final int PARSER_MAX_STRING = 4 * WireReader.MAX_STRING;

  private static final JsonFactory FACTORY =
      new JsonFactoryBuilder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(2 * WireReader.MAX_DEPTH)
                  .maxStringLength(PARSER_MAX_STRING)
                  .maxNameLength(4096)
                  .maxNumberLength(100)
                  .build())
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  private final String baseUrl;

  private TaskRouterJson(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** {@return an adapter whose URLs start with {@value #DEFAULT_BASE_URL}} */
  public static TaskRouterJson create() {
    return new TaskRouterJson(DEFAULT_BASE_URL);
  }

  /**
   * An adapter whose URLs start with {@code baseUrl}, such as {@code http://localhost:8080} or
   * {@code https://example.com/taskrouter}. A trailing {@code /} is dropped.
   *
   * @param baseUrl the start of every URL written
   * @return the adapter
   * @throws NullPointerException if {@code baseUrl} is null
   * @throws IllegalArgumentException unless {@code baseUrl} is an absolute {@code http} or {@code
   *     https} URL with a host and no query or fragment
   */
  public static TaskRouterJson create(String baseUrl) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    String url = baseUrl;
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw badBaseUrl(baseUrl);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || url.indexOf('?') >= 0
        || url.indexOf('#') >= 0) {
      throw badBaseUrl(baseUrl);
    }
    return new TaskRouterJson(url);
  }

  private static IllegalArgumentException badBaseUrl(String baseUrl) {
    return new IllegalArgumentException(
        String.format(
            Locale.ROOT,
            "base url must be an http or https url with a host and no query or fragment: %s",
            Echo.of(baseUrl)));
  }

  /** {@return the base URL of every URL written, without a trailing {@code /}} */
  public String baseUrl() {
    return baseUrl;
  }

  // ---- writing ----

  /**
   * The page as TaskRouter's list JSON. O(page size).
   *
   * @param page the page to write
   * @return the JSON text
   * @throws NullPointerException if {@code page} is null
   */
  public String writePage(Page<Reservation> page) {
    WireWriter writer = pageWriter(page);
    try {
      return writer.text();
    } finally {
      writer.close();
    }
  }

  /**
   * Writes the page as TaskRouter's list JSON to {@code out}, then flushes it; does not close it.
   * O(page size).
   *
   * @param page the page to write
   * @param out where to write it
   * @throws NullPointerException if an argument is null
   * @throws UncheckedIOException if {@code out} fails
   */
  public void writePage(Page<Reservation> page, Writer out) {
    Objects.requireNonNull(out, "out");
    String text = writePage(page);
    try {
      out.write(text);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the reservation page", e);
    }
  }

  /**
   * Writes the page as TaskRouter's list JSON to {@code out} in UTF-8, then flushes it; does not
   * close it. O(page size).
   *
   * @param page the page to write
   * @param out where to write it
   * @throws NullPointerException if an argument is null
   * @throws UncheckedIOException if {@code out} fails
   */
  public void writePage(Page<Reservation> page, OutputStream out) {
    Objects.requireNonNull(out, "out");
    WireWriter writer = pageWriter(page);
    try {
      out.write(writer.bytes(), 0, writer.length());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the reservation page", e);
    } finally {
      writer.close();
    }
  }

  private WireWriter pageWriter(Page<Reservation> page) {
    Objects.requireNonNull(page, "page");
    WireWriter writer = WireWriter.open(baseUrl, 512 + 1024 * page.items().size());
    writer.page(page);
    return writer;
  }

  /**
   * The reservation as TaskRouter's fetch and update endpoints on the task path return it: its
   * {@code url} is {@code {base}/v1/Workspaces/{ws}/Tasks/{task}/Reservations/{sid}}. O(1).
   *
   * @param reservation the reservation to write
   * @return the JSON text
   * @throws NullPointerException if {@code reservation} is null
   */
  public String writeTaskReservation(Reservation reservation) {
    return writeReservation(reservation, true);
  }

  /**
   * The reservation as TaskRouter's fetch and update endpoints on the worker path return it: its
   * {@code url} is {@code {base}/v1/Workspaces/{ws}/Workers/{worker}/Reservations/{sid}}. O(1).
   *
   * @param reservation the reservation to write
   * @return the JSON text
   * @throws NullPointerException if {@code reservation} is null
   */
  public String writeWorkerReservation(Reservation reservation) {
    return writeReservation(reservation, false);
  }

  private String writeReservation(Reservation reservation, boolean taskPath) {
    Objects.requireNonNull(reservation, "reservation");
    WireWriter writer = WireWriter.open(baseUrl, 1024);
    try {
      writer.reservation(reservation, taskPath);
      return writer.text();
    } finally {
      writer.close();
    }
  }

  // ---- reading ----

  /**
   * Reads a list page (task or worker path). O(input length).
   *
   * @param json the JSON text
   * @return the page
   * @throws NullPointerException if {@code json} is null
   * @throws IllegalArgumentException if the input is not a valid page, naming the JSON path
   */
  public Page<Reservation> readPage(String json) {
    Objects.requireNonNull(json, "json");
    return read(() -> FACTORY.createParser(json), WireReader::page);
  }

  /**
   * Reads a list page from {@code in}, which is not closed. O(input length).
   *
   * @param in the JSON text
   * @return the page
   * @throws NullPointerException if {@code in} is null
   * @throws IllegalArgumentException if the input is not a valid page, naming the JSON path
   * @throws UncheckedIOException if {@code in} fails
   */
  public Page<Reservation> readPage(Reader in) {
    Objects.requireNonNull(in, "in");
    return read(() -> FACTORY.createParser(in), WireReader::page);
  }

  /**
   * Reads a list page from {@code in}, UTF-8 encoded, which is not closed. O(input length).
   *
   * @param in the JSON bytes
   * @return the page
   * @throws NullPointerException if {@code in} is null
   * @throws IllegalArgumentException if the input is not a valid page, naming the JSON path
   * @throws UncheckedIOException if {@code in} fails
   */
  public Page<Reservation> readPage(InputStream in) {
    Objects.requireNonNull(in, "in");
    return read(() -> FACTORY.createParser(in), WireReader::page);
  }

  /**
   * Reads a single reservation, as the fetch and update endpoints return it (task or worker path).
   * Its {@code version} is 0. O(input length).
   *
   * @param json the JSON text
   * @return the reservation
   * @throws NullPointerException if {@code json} is null
   * @throws IllegalArgumentException if the input is not a valid reservation, naming the JSON path
   */
  public Reservation readReservation(String json) {
    Objects.requireNonNull(json, "json");
    return read(() -> FACTORY.createParser(json), WireReader::reservation);
  }

  /**
   * Reads a single reservation from {@code in}, which is not closed. Its {@code version} is 0.
   * O(input length).
   *
   * @param in the JSON text
   * @return the reservation
   * @throws NullPointerException if {@code in} is null
   * @throws IllegalArgumentException if the input is not a valid reservation, naming the JSON path
   * @throws UncheckedIOException if {@code in} fails
   */
  public Reservation readReservation(Reader in) {
    Objects.requireNonNull(in, "in");
    return read(() -> FACTORY.createParser(in), WireReader::reservation);
  }

  /**
   * Reads a single reservation from {@code in}, UTF-8 encoded, which is not closed. Its {@code
   * version} is 0. O(input length).
   *
   * @param in the JSON bytes
   * @return the reservation
   * @throws NullPointerException if {@code in} is null
   * @throws IllegalArgumentException if the input is not a valid reservation, naming the JSON path
   * @throws UncheckedIOException if {@code in} fails
   */
  public Reservation readReservation(InputStream in) {
    Objects.requireNonNull(in, "in");
    return read(() -> FACTORY.createParser(in), WireReader::reservation);
  }

  /** Opens a parser on the caller's input. */
  private interface Source {
    JsonParser open() throws IOException;
  }

  /** Reads one document with a fresh {@link WireReader}. */
  private interface Step<T> {
    T read(WireReader reader) throws IOException;
  }

  private <T> T read(Source source, Step<T> step) {
    WireReader reader = null;
    try (JsonParser parser = source.open()) {
      reader = new WireReader(parser, baseUrl);
      return step.read(reader);
    } catch (JsonProcessingException | CharConversionException e) {
      throw notJson(reader, e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read reservation json", e);
    }
  }

  private static IllegalArgumentException notJson(@Nullable WireReader reader, IOException e) {
    String detail;
    if (e instanceof JsonEOFException) {
      detail = "input is not complete JSON: it ends too early";
    } else if (e instanceof StreamConstraintsException
        && String.valueOf(e.getMessage()).startsWith("String value length")) {
      // Jackson stops reading a string past its own limit, before ours can name the length
      detail =
          String.format(
              Locale.ROOT,
              "a string must be at most %d chars: more than %d chars",
              WireReader.MAX_STRING,
              PARSER_MAX_STRING);
    } else if (e instanceof StreamConstraintsException) {
      detail =
          "input exceeds a limit of this reader: "
              + lowerFirst(((JsonProcessingException) e).getOriginalMessage());
    } else if (e instanceof JsonProcessingException) {
      detail =
          "input is not complete JSON: "
              + lowerFirst(((JsonProcessingException) e).getOriginalMessage());
    } else {
      detail = "input is not complete JSON: " + lowerFirst(e.getMessage());
    }
    return new IllegalArgumentException(
        String.format(Locale.ROOT, "%s: %s", reader == null ? "$" : reader.here(), detail), e);
  }

  private static String lowerFirst(@Nullable String message) {
    if (message == null || message.isEmpty()) {
      return "malformed input";
    }
    return Character.toLowerCase(message.charAt(0)) + message.substring(1);
  }

  @Override
  public String toString() {
    return "TaskRouterJson[" + baseUrl + "]";
  }
}
