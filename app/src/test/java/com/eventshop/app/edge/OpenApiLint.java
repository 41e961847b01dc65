package com.eventshop.app.edge;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lints an OpenAPI description: swagger-parser's validation (the structure the OpenAPI
 * specification requires, every {@code $ref} resolvable), then the error-level rules of the
 * usual OpenAPI linters (Spectral's and Redocly's recommended sets) that the parser does not
 * check (unique operationIds, a summary and a 4xx answer for every operation, path parameters
 * matching the template, security defined), and Eventshop's own: every error response is
 * application/problem+json, and no operationId numbered by the generator to break a tie.
 * An empty list means the description is clean.
 */
final class OpenApiLint {

    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");

    private OpenApiLint() {
    }

    static List<String> lint(String json) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        List<String> errors = new ArrayList<>();
        if (result.getMessages() != null) {
            result.getMessages().forEach(m -> errors.add("parser: " + m));
        }
        OpenAPI api = result.getOpenAPI();
        if (api == null) {
            errors.add("not an OpenAPI description");
            return errors;
        }
        if (api.getInfo() == null || blank(api.getInfo().getTitle()) || blank(api.getInfo().getVersion())) {
            errors.add("info: title and version are required");
        }
        Map<String, String> operationIds = new HashMap<>();
        if (api.getPaths() == null || api.getPaths().isEmpty()) {
            return errors;
        }
        Set<String> schemes = api.getComponents() == null || api.getComponents().getSecuritySchemes() == null
                ? Set.of() : api.getComponents().getSecuritySchemes().keySet();
        List<SecurityRequirement> global = api.getSecurity();
        checkSecurity("global security", global, schemes, errors);
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            boolean needsToken = operation.getSecurity() != null ? !operation.getSecurity().isEmpty()
                    : global != null && !global.isEmpty();
            lintOperation(path, item, method, operation, needsToken, operationIds, errors);
            // security-defined: every operation says how it is called (an empty list: no token needed)
            String where = method + " " + path;
            if (operation.getSecurity() == null && (global == null || global.isEmpty())) {
                errors.add(where + ": no security defined (globally or for the operation)");
            }
            checkSecurity(where, operation.getSecurity(), schemes, errors);
        }));
        return errors;
    }

    /** How many operations the description has. */
    static int operations(String json) {
        OpenAPI api = new OpenAPIV3Parser().readContents(json, null, new ParseOptions()).getOpenAPI();
        return api == null || api.getPaths() == null ? 0
                : api.getPaths().values().stream().mapToInt(p -> p.readOperations().size()).sum();
    }

    private static void lintOperation(String path, PathItem item, PathItem.HttpMethod method, Operation operation,
            boolean needsToken, Map<String, String> operationIds, List<String> errors) {
        String where = method + " " + path;
        // operation-operationId, operation-operationId-unique
        if (blank(operation.getOperationId())) {
            errors.add(where + ": no operationId");
        } else {
            if (operation.getOperationId().matches(".*_\\d+")) {
                errors.add(where + ": operationId " + operation.getOperationId()
                        + " was numbered to break a tie with another operation: give it its own name");
            }
            String previous = operationIds.putIfAbsent(operation.getOperationId(), where);
            if (previous != null) {
                errors.add(where + ": operationId " + operation.getOperationId() + " is also used by " + previous);
            }
        }
        // operation-summary
        if (blank(operation.getSummary())) {
            errors.add(where + ": no summary");
        }
        // path-params: every template variable is a required path parameter, and no other
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        Set<String> declared = new HashSet<>();
        Set<String> seen = new HashSet<>();
        for (Parameter parameter : parameters) {
            if (!seen.add(parameter.getIn() + ":" + parameter.getName())) {
                errors.add(where + ": parameter " + parameter.getName() + " (" + parameter.getIn() + ") is declared twice");
            }
            if ("path".equals(parameter.getIn())) {
                declared.add(parameter.getName());
                if (!Boolean.TRUE.equals(parameter.getRequired())) {
                    errors.add(where + ": path parameter " + parameter.getName() + " must be required");
                }
            }
        }
        Set<String> inTemplate = new HashSet<>();
        Matcher m = PATH_PARAMETER.matcher(path);
        while (m.find()) {
            inTemplate.add(m.group(1));
        }
        if (!declared.equals(inTemplate)) {
            errors.add(where + ": path parameters " + declared + " do not match the template " + inTemplate);
        }
        // operation-success-response, response descriptions, problem+json errors
        if (operation.getResponses() == null || operation.getResponses().isEmpty()) {
            errors.add(where + ": no responses");
            return;
        }
        boolean success = false;
        for (Map.Entry<String, ApiResponse> entry : operation.getResponses().entrySet()) {
            String code = entry.getKey();
            ApiResponse response = entry.getValue();
            success |= code.startsWith("2") || code.startsWith("3") || code.equalsIgnoreCase("default");
            if (response.get$ref() != null) {
                continue;
            }
            if (blank(response.getDescription())) {
                errors.add(where + ": response " + code + " has no description");
            }
            if ((code.startsWith("4") || code.startsWith("5")) && !problemJson(response.getContent())) {
                errors.add(where + ": error response " + code + " is not documented as application/problem+json");
            }
        }
        if (!success) {
            errors.add(where + ": no success response");
        }
        // operation-4xx-response: the errors a client can cause are documented (an operation that
        // takes no input and needs no token leaves a client nothing to get wrong but the protocol)
        boolean takesInput = !parameters.isEmpty() || operation.getRequestBody() != null;
        if ((takesInput || needsToken) && operation.getResponses().keySet().stream().noneMatch(c -> c.startsWith("4"))) {
            errors.add(where + ": no 4xx response documented");
        }
    }

    /** Every security requirement names a defined security scheme. */
    private static void checkSecurity(String where, List<SecurityRequirement> requirements, Set<String> schemes,
            List<String> errors) {
        if (requirements != null) {
            requirements.forEach(r -> r.keySet().stream().filter(name -> !schemes.contains(name))
                    .forEach(name -> errors.add(where + ": security scheme " + name + " is not defined")));
        }
    }

    private static boolean problemJson(Content content) {
        return content != null && content.containsKey("application/problem+json");
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
