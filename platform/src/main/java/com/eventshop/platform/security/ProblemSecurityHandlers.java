package com.eventshop.platform.security;

import com.eventshop.platform.web.TraceIdFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/** 401 and 403 as {@code application/problem+json}, like every other error of Eventshop. */
final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        boolean tokenGiven = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, tokenGiven
                ? "Bearer error=\"invalid_token\", error_description=\"The access token is not valid\""
                : "Bearer");
        write(request, response, 401, "Unauthorized", tokenGiven
                ? "The access token is not valid: " + exception.getMessage()
                : "This endpoint needs a bearer token (log in at /api/auth/login)", "unauthorized");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            AccessDeniedException exception) throws IOException {
        write(request, response, 403, "Forbidden", "Your role does not allow this", "forbidden");
    }

    static void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
            String detail, String type) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:eventshop:problem:" + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        String traceId = TraceIdFilter.current();
        if (traceId != null) {
            problem.put("traceId", traceId);
        }
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(JSON.writeValueAsString(problem));
    }
}
