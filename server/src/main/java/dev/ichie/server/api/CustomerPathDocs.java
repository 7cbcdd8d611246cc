package dev.ichie.server.api;

import dev.ichie.server.token.CustomerRefs;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * The rule of the {@code {customer}} path parameter in the OpenAPI document, and the 404 that
 * {@link CustomerPaths} answers for a reference that breaks it.
 */
@Component
final class CustomerPathDocs implements OpenApiCustomizer {

  @Override
  public void customise(OpenAPI api) {
    if (api.getPaths() == null) {
      return;
    }
    api.getPaths()
        .forEach(
            (path, item) -> {
              if (path.startsWith("/api/v1/customers/{customer}")) {
                item.readOperations().forEach(CustomerPathDocs::document);
              }
            });
  }

  private static void document(Operation operation) {
    if (operation.getParameters() != null) {
      operation.getParameters().stream()
          .filter(p -> "customer".equals(p.getName()) && "path".equals(p.getIn()))
          .forEach(
              p ->
                  p.schema(
                      new StringSchema()
                          .minLength(1)
                          .maxLength(64)
                          .pattern("^" + CustomerRefs.REGEX + "$")));
    }
    if (operation.getResponses().get("404") == null) {
      operation
          .getResponses()
          .addApiResponse(
              "404",
              new ApiResponse()
                  .description("No such customer, or a reference that breaks the rule above"));
    }
  }
}
