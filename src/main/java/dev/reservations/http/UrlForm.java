package dev.reservations.http;

import dev.reservations.text.Echo;
import dev.reservations.text.Utf16;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A decoded query string or {@code application/x-www-form-urlencoded} body: each name with its
 * values in the order they came.
 *
 * <p>Layout: a {@link LinkedHashMap} from decoded name to its decoded values. Invariants: names and
 * values are well-formed UTF-16 (the bytes that {@code %XX} escapes spell are strict UTF-8); {@code
 * +} is a space; an empty pair ({@code a=1&&b=2}) is skipped; a pair without {@code =} is a name
 * with the empty value. {@link #last} gives the last value, which is how a repeated single-valued
 * parameter is read.
 */
final class UrlForm {
  private final Map<String, List<String>> values;

  private UrlForm(Map<String, List<String>> values) {
    this.values = values;
  }

  /**
   * Decodes {@code text}.
   *
   * @throws ApiError 400 for a malformed escape or bytes that are not UTF-8
   */
  static UrlForm parse(String text) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('&', start);
      if (end < 0) {
        end = text.length();
      }
      if (end > start) {
        String pair = text.substring(start, end);
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        values.computeIfAbsent(name, k -> new ArrayList<>(1)).add(value);
      }
      start = end + 1;
    }
    return new UrlForm(values);
  }

  /** The empty form. */
  static UrlForm empty() {
    return new UrlForm(Map.of());
  }

  Set<String> names() {
    return values.keySet();
  }

  /** The last value of {@code name}. */
  Optional<String> last(String name) {
    List<String> list = values.get(name);
    return list == null ? Optional.empty() : Optional.of(list.get(list.size() - 1));
  }

  /** Refuses any name outside {@code allowed}, which the message lists. */
  void checkNames(List<String> allowed, String what) {
    for (String name : values.keySet()) {
      if (!allowed.contains(name)) {
        throw ApiError.badRequest(
            String.format(
                Locale.ROOT,
                "%s must be one of %s: %s",
                what,
                String.join(", ", allowed),
                Echo.of(name)));
      }
    }
  }

  private static String decode(String raw) {
    checkText(raw);
    if (raw.indexOf('%') < 0 && raw.indexOf('+') < 0) {
      return raw;
    }
    ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 3);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '+') {
        bytes.put((byte) ' ');
      } else if (c == '%') {
        int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          throw ApiError.badRequest(
              "a percent escape must be % and two hex digits: " + Echo.of(raw));
        }
        bytes.put((byte) (hi * 16 + lo));
        i += 2;
      } else if (c < 0x80) {
        bytes.put((byte) c);
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < raw.length() ? i + 2 : i + 1;
        bytes.put(raw.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    bytes.flip();
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer chars = decoder.decode(bytes);
      String text = chars.toString();
      checkText(text);
      return text;
    } catch (CharacterCodingException e) {
      throw ApiError.badRequest("a percent-encoded value must spell UTF-8 bytes: " + Echo.of(raw));
    }
  }

  private static void checkText(String text) {
    if (Utf16.hasUnpairedSurrogate(text)) {
      throw ApiError.badRequest("a value must not hold an unpaired surrogate");
    }
  }

  @Override
  public String toString() {
    return values.toString();
  }

  /** A form value that must be a boolean, {@code true} or {@code false} in any case. */
  static @Nullable Boolean bool(UrlForm form, String name) {
    Optional<String> value = form.last(name);
    if (value.isEmpty()) {
      return null;
    }
    if (value.get().equalsIgnoreCase("true")) {
      return Boolean.TRUE;
    }
    if (value.get().equalsIgnoreCase("false")) {
      return Boolean.FALSE;
    }
    throw ApiError.badRequest(
        String.format(Locale.ROOT, "%s must be true or false: %s", name, Echo.of(value.get())));
  }
}
