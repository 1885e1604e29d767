package dev.reservations.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Test-only JSON values on jackson-core's streaming parser: objects become maps (so equality
 * ignores key order), arrays lists, numbers {@code Long} or {@code Double}, null a marker. Also
 * loads the stored spec examples and compacts JSON text.
 */
final class JsonTree {
  static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonTree() {}

  static Object parse(String json) {
    try (JsonParser p = FACTORY.createParser(json)) {
      p.nextToken();
      Object value = value(p);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("trailing content");
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        {
          Map<String, Object> map = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (map.put(name, value(p)) != null) {
              throw new IllegalArgumentException("duplicate key " + name);
            }
          }
          return map;
        }
      case START_ARRAY:
        {
          List<Object> list = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) {
            list.add(value(p));
          }
          return list;
        }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return NULL;
      default:
        throw new IllegalStateException("unexpected token " + t);
    }
  }

  /** The value without any {@code attention} field, at any depth. */
  @SuppressWarnings("unchecked")
  static Object withoutAttention(Object value) {
    if (value instanceof Map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      ((Map<String, Object>) value)
          .forEach(
              (k, v) -> {
                if (!k.equals("attention")) {
                  copy.put(k, withoutAttention(v));
                }
              });
      return copy;
    }
    if (value instanceof List) {
      List<Object> copy = new ArrayList<>();
      for (Object v : (List<Object>) value) {
        copy.add(withoutAttention(v));
      }
      return copy;
    }
    return value;
  }

  /** The same JSON without insignificant white space, keys in their order. */
  static String compact(String json) {
    StringWriter out = new StringWriter();
    try (JsonParser p = FACTORY.createParser(json);
        JsonGenerator g = FACTORY.createGenerator(out)) {
      p.nextToken();
      g.copyCurrentStructure(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** A stored example from {@code src/test/resources/dev/reservations/json/}. */
  static String resource(String name) {
    try (InputStream in = JsonTree.class.getResourceAsStream(name)) {
      Objects.requireNonNull(in, name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
