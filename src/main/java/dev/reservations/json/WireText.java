package dev.reservations.json;

import com.fasterxml.jackson.core.JsonStreamContext;
import dev.reservations.text.Echo;

/**
 * Text for error messages: the JSON path of the parser's position ({@code $.reservations[3].sid})
 * and values echoed back, cut when too long. Used on failure paths only.
 */
final class WireText {
  private WireText() {}

  /**
   * The path of the current position: the value of the current field or array element, or the
   * object or array itself at its start marker.
   */
  static String path(JsonStreamContext context) {
    StringBuilder out = new StringBuilder(48);
    append(context, out);
    return out.toString();
  }

  private static void append(JsonStreamContext context, StringBuilder out) {
    JsonStreamContext parent = context.getParent();
    if (parent == null) {
      out.append('$');
      return;
    }
    append(parent, out);
    if (context.inArray()) {
      if (context.hasCurrentIndex()) {
        out.append('[').append(context.getCurrentIndex()).append(']');
      }
    } else if (context.inObject()) {
      String name = context.getCurrentName();
      if (name != null) {
        appendName(name, out);
      }
    }
  }

  /** Appends {@code .name}, or {@code ['name']} for a name that is not a plain identifier. */
  static void appendName(String name, StringBuilder out) {
    boolean plain = !name.isEmpty();
    for (int i = 0; i < name.length() && plain; i++) {
      char c = name.charAt(i);
      plain =
          c == '_'
              || (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (i > 0 && c >= '0' && c <= '9');
    }
    if (plain && name.length() <= Echo.MAX) {
      out.append('.').append(name);
    } else {
      out.append("['").append(Echo.of(name).replace("\\", "\\\\").replace("'", "\\'")).append("']");
    }
  }
}
