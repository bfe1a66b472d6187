package org.openlgd.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The HTTP contract ({@code openapi.yaml}) read by Vert.x's own OpenAPI implementation ({@code vertx-openapi}): checked
 * against the OpenAPI 3 schema, and the source of the schemas request bodies are validated against where the
 * contract is the only definition of a body (the dashboard's run requests). Vert.x's contract loader supports JSON,
 * multipart and plain-text media types only, so the validators load the operations they need.
 */
public final class ApiContract {
  private static final String GENERIC = "Property \"";
  private ApiContract() {
  }

  /** The document as JSON. */
  public static JsonObject document() {
    Map<String, Object> yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(Ops.openApiText());
    return new JsonObject(Json.encode(yaml));
  }

  /** The document checked against the schema of its OpenAPI version; the output lists every violation. */
  public static Future<OutputUnit> check(Vertx vertx) {
    return check(vertx, document());
  }

  /** {@code doc} checked against the schema of its OpenAPI version. */
  public static Future<OutputUnit> check(Vertx vertx, JsonObject doc) {
    OpenAPIVersion version = OpenAPIVersion.fromContract(doc);
    return version.getRepository(vertx, "app://").compose(repo -> version.validateContract(vertx, repo, doc));
  }

  /**
   * The violations of an output unit, one line each ("location: error"), empty when it is valid. Where a location has
   * a specific error ("-1 is less than 0"), the generic ones the validator adds ("Property ... does not match ...")
   * are left out.
   */
  public static List<String> errors(OutputUnit out) {
    Map<String, List<String>> byLocation = new LinkedHashMap<>();
    if (Boolean.FALSE.equals(out.getValid())) {
      collect(out, byLocation);
    }
    List<String> lines = new ArrayList<>();
    byLocation.forEach((at, errors) -> {
      boolean specific = errors.stream().anyMatch(e -> !e.startsWith(GENERIC));
      errors.stream().filter(e -> !specific || !e.startsWith(GENERIC)).distinct().forEach(e -> lines.add(at + ": " + e));
    });
    return lines;
  }

  private static void collect(OutputUnit u, Map<String, List<String>> byLocation) {
    if (u.getError() != null && (u.getErrors() == null || u.getErrors().isEmpty())) {
      String at = u.getInstanceLocation() == null || u.getInstanceLocation().isEmpty() ? "#" : u.getInstanceLocation();
      byLocation.computeIfAbsent(at, k -> new ArrayList<>()).add(u.getError());
    }
    if (u.getErrors() != null) {
      u.getErrors().forEach(e -> collect(e, byLocation));
    }
  }

  /**
   * A validator of the JSON request body of the operation {@code method path} (for example {@code post} and
   * {@code /api/runs}), its schema references resolved by Vert.x's contract loader.
   */
  public static Future<Validator> requestBody(Vertx vertx, String path, String method) {
    JsonObject doc = document();
    JsonObject operation = doc.getJsonObject("paths").getJsonObject(path).getJsonObject(method).copy();
    String operationId = operation.getString("operationId");
    JsonObject only = new JsonObject().put("openapi", doc.getString("openapi")).put("info", doc.getJsonObject("info"))
        .put("paths", new JsonObject().put(path, new JsonObject().put(method, operation)))
        .put("components", doc.getJsonObject("components"));
    return OpenAPIContract.from(vertx, only).map(contract -> contract.getSchemaRepository().validator(
        contract.operation(operationId).getRequestBody().getContent().get("application/json").getSchema()));
  }
}
