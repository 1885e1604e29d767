package dev.reservations.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reservations.core.Reservation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker itself: it passes our bodies and fails bodies that break the spec. */
class SpecConformanceTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final ApiFixture f = new ApiFixture();
  private final SpecConformance spec = SpecConformance.get();

  private String fetched() {
    Reservation r = f.reserve(1, 1);
    return f.api.handle(TaskRouterApi.Request.get(ApiFixture.onTask(r))).bodyText();
  }

  private static String with(String json, String field, Object value) throws IOException {
    ObjectNode node = (ObjectNode) MAPPER.readTree(json);
    node.set(field, MAPPER.valueToTree(value));
    return MAPPER.writeValueAsString(node);
  }

  @Test
  void check_reservationBreakingTheSpec_fails() throws IOException {
    String body = fetched();
    String path = ApiFixture.taskList(1) + "/WR" + "0".repeat(32);
    spec.check("GET", path, 200, body);
    for (Map.Entry<String, Object> broken :
        Map.<String, Object>of(
                "reservation_status",
                "sleeping",
                "sid",
                "WR123",
                "worker_sid",
                "WT" + "0".repeat(32),
                "date_created",
                17,
                "links",
                "none")
            .entrySet()) {
      String bad = with(body, broken.getKey(), broken.getValue());
      AssertionError e =
          assertThrows(AssertionError.class, () -> spec.check("GET", path, 200, bad));
      assertEquals(
          true, e.getMessage().startsWith("body does not match the spec: "), e::getMessage);
    }
    AssertionError extra =
        assertThrows(
            AssertionError.class, () -> spec.check("GET", path, 200, with(body, "attention", "x")));
    assertEquals(
        true,
        extra.getMessage().startsWith("keys differ: missing [], extra [attention]"),
        extra::getMessage);
  }

  @Test
  void check_pageBreakingTheSpec_fails() throws IOException {
    f.reserve(1, 1);
    String body = f.api.handle(TaskRouterApi.Request.get(ApiFixture.taskList(1))).bodyText();
    spec.check("GET", ApiFixture.taskList(1), 200, body);
    ObjectNode page = (ObjectNode) MAPPER.readTree(body);
    ((ObjectNode) page.get("meta")).put("page", "zero");
    assertThrows(
        AssertionError.class,
        () -> spec.check("GET", ApiFixture.taskList(1), 200, MAPPER.writeValueAsString(page)));
    ObjectNode noMeta = (ObjectNode) MAPPER.readTree(body);
    noMeta.remove("meta");
    assertThrows(
        AssertionError.class,
        () -> spec.check("GET", ApiFixture.taskList(1), 200, MAPPER.writeValueAsString(noMeta)));
  }

  @Test
  void check_errorShape_isExact() {
    String ok =
        "{\"code\":20404,\"message\":\"m\",\"more_info\":"
            + "\"https://www.twilio.com/docs/errors/20404\",\"status\":404}";
    spec.check("GET", "/x", 404, ok);
    assertThrows(AssertionError.class, () -> spec.check("GET", "/x", 400, ok));
    assertThrows(
        AssertionError.class,
        () -> spec.check("GET", "/x", 404, ok.replace("errors/20404", "errors/20001")));
    assertThrows(
        AssertionError.class,
        () -> spec.check("GET", "/x", 404, ok.replace("}", ",\"detail\":1}")));
    assertThrows(AssertionError.class, () -> spec.check("GET", "/x", 404, "not json"));
    assertThrows(AssertionError.class, () -> spec.check("GET", "/x", 200, "{}"));
  }

  @Test
  void extract_equalsTheReferenceSpec_whereItIsPresent() throws IOException {
    Path reference = Path.of("..", "shared", "reference", "twilio_taskrouter_v1.json");
    assumeTrue(Files.isReadable(reference), "the shared reference is not beside the project");
    JsonNode full = MAPPER.readTree(reference.toFile());
    JsonNode extract = MAPPER.readTree(SpecConformance.specText());
    for (Iterator<Map.Entry<String, JsonNode>> it = extract.get("paths").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      assertEquals(full.get("paths").get(e.getKey()), e.getValue(), e.getKey());
    }
    assertEquals(4, extract.get("paths").size());
    for (Iterator<Map.Entry<String, JsonNode>> it =
            extract.get("components").get("schemas").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      assertEquals(full.get("components").get("schemas").get(e.getKey()), e.getValue(), e.getKey());
    }
  }
}
