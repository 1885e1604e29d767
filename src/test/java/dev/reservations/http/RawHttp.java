package dev.reservations.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A bare HTTP/1.1 client on one loopback socket, for requests no polite client sends (oversized,
 * malformed) and for keep-alive checks. Every read times out after 10 s.
 */
final class RawHttp implements AutoCloseable {
  /** One parsed answer. Header names are lower-cased. */
  record Answer(int status, Map<String, String> headers, String body) {}

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RawHttp(int port) {
    try {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(10_000);
      socket.setTcpNoDelay(true);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends {@code head} (request line and headers, without the blank line) and {@code body}. */
  Answer send(String head, byte[] body) {
    try {
      out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return read();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Answer get(String target) {
    return send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1", new byte[0]);
  }

  Answer post(String target, String form, String... headers) {
    byte[] body = form.getBytes(StandardCharsets.UTF_8);
    StringBuilder head =
        new StringBuilder(
            "POST "
                + target
                + " HTTP/1.1\r\nHost: 127.0.0.1"
                + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                + body.length);
    for (String h : headers) {
      head.append("\r\n").append(h);
    }
    return send(head.toString(), body);
  }

  private Answer read() throws IOException {
    String statusLine = line();
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, String> headers = new TreeMap<>();
    for (String l = line(); !l.isEmpty(); l = line()) {
      int colon = l.indexOf(':');
      headers.put(
          l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
    }
    String length = headers.get("content-length");
    byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
    return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed mid-answer: " + line);
      }
      if (c != '\r') {
        line.write(c);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
