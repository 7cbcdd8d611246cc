package dev.ichie.server.api;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.stream.Stream;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/** The {@code Idempotency-Key} header in the OpenAPI document, on every call that takes it. */
@Component
final class IdempotencyDocs implements OpenApiCustomizer {

  @Override
  public void customise(OpenAPI api) {
    if (api.getPaths() == null) {
      return;
    }
    api.getPaths()
        .forEach(
            (path, item) -> {
              if (path.startsWith("/api/v1/")) {
                Stream.of(item.getPost(), item.getDelete())
                    .filter(java.util.Objects::nonNull)
                    .forEach(IdempotencyDocs::document);
              }
            });
  }

  private static void document(Operation operation) {
    operation.addParametersItem(
        new HeaderParameter()
            .name(IdempotencyFilter.HEADER)
            .required(false)
            .description(
                "Makes a retry safe: a repeat with the same key and body, on any node and for 24"
                    + " hours, gets the first answer (with the header Idempotent-Replayed: true)"
                    + " and changes nothing; the same key with another request gets 422.")
            .schema(new StringSchema().maxLength(64).pattern("^[A-Za-z0-9._:-]{1,64}$")));
    operation
        .getResponses()
        .addApiResponse(
            "422",
            new ApiResponse().description("The Idempotency-Key was used for another request"))
        .addApiResponse(
            "409",
            new ApiResponse().description("A call with this Idempotency-Key is still running"));
  }
}
