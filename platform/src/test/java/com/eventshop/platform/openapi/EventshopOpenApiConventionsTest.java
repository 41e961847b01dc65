package com.eventshop.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.platform.security.EventshopSecurityProperties;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conventions written into a description: security by path, error answers as problem+json. */
class EventshopOpenApiConventionsTest {

    @Test
    void publicPathsNeedNoTokenAndEveryErrorIsProblemJson() {
        EventshopSecurityProperties security = new EventshopSecurityProperties();
        security.getAdminPaths().add("PUT /api/catalog/**");
        OpenAPI api = new OpenAPI().paths(new Paths()
                .addPathItem("/api/catalog/products/{id}", new PathItem()
                        .get(operation().addParametersItem(new PathParameter().name("id")))
                        .put(operation().addParametersItem(new PathParameter().name("id"))))
                .addPathItem("/api/orders", new PathItem().get(operation()
                        .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK"))
                                .addApiResponse("409", new ApiResponse().description("Conflict"))))));

        new EventshopOpenApiConventions(security).customise(api);

        assertThat(api.getComponents().getSecuritySchemes()).containsKey("bearer");
        assertThat(api.getComponents().getSchemas()).containsKey("Problem");
        Operation publicGet = api.getPaths().get("/api/catalog/products/{id}").getGet();
        assertThat(publicGet.getSecurity()).isEmpty();
        assertThat(publicGet.getResponses()).containsKeys("400", "404", "500").doesNotContainKeys("401", "403");
        Operation adminPut = api.getPaths().get("/api/catalog/products/{id}").getPut();
        assertThat(adminPut.getSecurity()).isNull(); // the global bearer requirement
        assertThat(adminPut.getResponses()).containsKeys("400", "401", "403", "404", "500");
        Operation orders = api.getPaths().get("/api/orders").getGet();
        assertThat(orders.getResponses()).containsKeys("200", "401", "409", "500").doesNotContainKeys("400", "404");
        assertThat(orders.getResponses().get("409").getContent()).containsKey("application/problem+json");
        assertThat(orders.getResponses().get("409").getDescription()).isEqualTo("Conflict");
        orders.getResponses().forEach((code, response) -> {
            if (!code.startsWith("2")) {
                assertThat(response.getContent()).as(code).containsOnlyKeys("application/problem+json");
            }
        });
    }

    @Test
    void withSecurityOffNothingAsksForAToken() {
        EventshopSecurityProperties security = new EventshopSecurityProperties();
        security.setEnabled(false);
        OpenAPI api = new OpenAPI().paths(new Paths().addPathItem("/api/orders", new PathItem().get(operation())));
        new EventshopOpenApiConventions(security).customise(api);
        assertThat(api.getSecurity()).isNull();
        assertThat(api.getPaths().get("/api/orders").getGet().getResponses()).doesNotContainKey("401");
        assertThat(List.copyOf(api.getPaths().get("/api/orders").getGet().getResponses().keySet())).contains("500");
    }

    private static Operation operation() {
        return new Operation().responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK")));
    }
}
