package dev.reservations.http;

import dev.reservations.text.Echo;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A refusal on its way to the client: the HTTP status, TaskRouter's error code and the message,
 * thrown inside the request handler and turned into the error body at its top.
 *
 * <p>Invariants: {@code status} is a 4xx or 5xx; the message starts lower-case and, when it echoes
 * client text, holds at most 200 chars of it ({@link dev.reservations.text.Echo#of}).
 */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  static final int BAD_REQUEST = 20001;
  static final int UNAUTHORIZED = 20003;
  static final int BAD_METHOD = 20004;
  static final int PAGE_SIZE = 20007;
  static final int NOT_FOUND = 20404;
  static final int CONFLICT = 20409;
  static final int STALE = 20412;
  static final int INTERNAL = 20500;
  static final int BAD_TOKEN = 21481;

  private final int status;
  private final int code;
  private final Map<String, String> headers;

  ApiError(int status, int code, String message) {
    this(status, code, message, Map.of());
  }

  ApiError(int status, int code, String message, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, BAD_REQUEST, message);
  }

  static ApiError notFound(String path) {
    return new ApiError(
        404, NOT_FOUND, "the requested resource " + Echo.of(path) + " was not found");
  }

  int status() {
    return status;
  }

  int code() {
    return code;
  }

  /** TaskRouter's error body, with {@code Content-Type: application/json} and any extras. */
  TaskRouterApi.Response toResponse() {
    return response(status, code, String.valueOf(getMessage()), headers);
  }

  static TaskRouterApi.Response response(
      int status, int code, String message, Map<String, String> extra) {
    StringBuilder body = new StringBuilder(160 + message.length());
    body.append("{\"code\":").append(code).append(",\"message\":");
    quote(message, body);
    body.append(",\"more_info\":\"https://www.twilio.com/docs/errors/")
        .append(code)
        .append("\",\"status\":")
        .append(status)
        .append('}');
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.putAll(extra);
    return TaskRouterApi.Response.ofText(status, headers, body.toString()); // quote: well-formed
  }

  /**
   * Appends {@code text} as a JSON string: quotes, backslashes and control chars escaped, an
   * unpaired surrogate written as U+FFFD so the output is always UTF-8.
   */
  static void quote(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        out.append(c).append(text.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        out.append('\ufffd');
      } else {
        out.append(c);
      }
    }
    out.append('"');
  }
}
