package com.eventshop.platform.openapi;

import com.eventshop.platform.security.EventshopSecurityProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * What every Eventshop API has in common, written into every service's OpenAPI description:
 * the bearer-token security (operations on the public paths need none) and the errors every
 * operation can answer, as RFC 9457 application/problem+json ({@code Problem}): 400 for an
 * operation that takes input, 401 without a valid token, 403 on admin paths, 404 for an
 * addressed resource, 500 for the unexpected. What an operation documents itself is kept.
 */
public class EventshopOpenApiConventions implements OpenApiCustomizer {

    public static final String PROBLEM_JSON = "application/problem+json";
    static final String BEARER = "bearer";
    static final String PROBLEM_REF = "#/components/schemas/Problem";

    private final boolean secured;
    private final List<Rule> publicRules;
    private final List<Rule> adminRules;

    public EventshopOpenApiConventions(EventshopSecurityProperties security) {
        this.secured = security != null && security.isEnabled();
        List<String> open = new ArrayList<>();
        if (security != null) {
            open.addAll(security.getPublicPaths());
            open.addAll(security.getExtraPublicPaths());
        }
        this.publicRules = open.stream().map(Rule::parse).toList();
        this.adminRules = security == null ? List.of() : security.getAdminPaths().stream().map(Rule::parse).toList();
    }

    @Override
    public void customise(OpenAPI api) {
        Components components = api.getComponents() != null ? api.getComponents() : new Components();
        api.setComponents(components);
        components.addSchemas("Problem", problemSchema());
        if (secured) {
            components.addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                    .bearerFormat("JWT").description("An access token from accounts (POST /api/auth/login)"));
            api.setSecurity(List.of(new SecurityRequirement().addList(BEARER)));
        }
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                conventions(path, method, operation)));
    }

    private void conventions(String path, PathItem.HttpMethod method, Operation operation) {
        boolean open = !secured || matches(publicRules, method, path);
        if (secured && open) {
            operation.setSecurity(List.of()); // no token needed
        }
        ApiResponses responses = operation.getResponses() != null ? operation.getResponses() : new ApiResponses();
        operation.setResponses(responses);
        boolean input = (operation.getParameters() != null && !operation.getParameters().isEmpty())
                || operation.getRequestBody() != null;
        if (input) {
            problem(responses, "400", "The request is invalid: the problem names what is wrong (errors per field)");
        }
        if (!open) {
            problem(responses, "401", "No valid bearer token");
        }
        if (secured && matches(adminRules, method, path)) {
            problem(responses, "403", "The caller is not an administrator");
        }
        if (path.contains("{") || path.contains("*")) {
            problem(responses, "404", "Not found (or not the caller's)");
        }
        problem(responses, "500", "An unexpected error; the problem carries a traceId to quote");
        // every error answer the operation documents itself is problem+json too
        responses.forEach((code, response) -> {
            if ((code.startsWith("4") || code.startsWith("5")) && response.get$ref() == null) {
                Content content = response.getContent();
                if (content == null || !content.containsKey(PROBLEM_JSON)) {
                    response.setContent(problemContent());
                }
            }
        });
    }

    private static void problem(ApiResponses responses, String code, String description) {
        if (!responses.containsKey(code)) {
            responses.addApiResponse(code, new ApiResponse().description(description).content(problemContent()));
        }
    }

    private static Content problemContent() {
        return new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(PROBLEM_REF)));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static Schema<?> problemSchema() {
        ObjectSchema fieldError = new ObjectSchema();
        fieldError.addProperty("field", new StringSchema().description("The field (or parameter) at fault"));
        fieldError.addProperty("message", new StringSchema());
        ObjectSchema problem = new ObjectSchema();
        problem.description("An RFC 9457 problem: what went wrong, for the caller to read and for support to trace");
        problem.addProperty("type", new StringSchema().format("uri-reference").example("about:blank"));
        problem.addProperty("title", new StringSchema().example("Bad Request"));
        problem.addProperty("status", new IntegerSchema().format("int32").example(400));
        problem.addProperty("detail", new StringSchema());
        problem.addProperty("instance", new StringSchema().format("uri-reference"));
        problem.addProperty("traceId", new StringSchema().description("Quote it when reporting the error"));
        problem.addProperty("errors", new ArraySchema().items(fieldError).description("Invalid fields, when there are"));
        problem.required(List.of("title", "status"));
        return problem;
    }

    private static boolean matches(List<Rule> rules, PathItem.HttpMethod method, String template) {
        // a template variable matches like any segment: /api/orders/{id} as /api/orders/x
        PathContainer path = PathContainer.parsePath(template.replaceAll("\\{[^}/]+}", "x"));
        return rules.stream().anyMatch(rule -> (rule.method == null || rule.method.equals(method.name()))
                && rule.pattern.matches(path));
    }

    /** "GET /api/catalog/**" or "/api/status", as in eventshop.security.*. */
    private record Rule(String method, PathPattern pattern) {
        static Rule parse(String text) {
            String rule = text.strip();
            int space = rule.indexOf(' ');
            String method = space < 0 ? null : rule.substring(0, space).toUpperCase(Locale.ROOT);
            String pattern = space < 0 ? rule : rule.substring(space + 1).strip();
            return new Rule(method, PathPatternParser.defaultInstance.parse(pattern));
        }
    }
}
