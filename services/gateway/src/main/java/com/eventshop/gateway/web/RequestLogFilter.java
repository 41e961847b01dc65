package com.eventshop.gateway.web;

import com.eventshop.gateway.config.GatewayProperties;
import com.eventshop.platform.web.TraceIdFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import net.logstash.logback.marker.Markers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One JSON line per request on the logger {@value #LOGGER} (logstash fields: {@code @timestamp},
 * {@code @version}, {@code message}, {@code level} from the encoder; service, method, path,
 * query, status, duration_ms, client, username, request_body, response_body, trace_id from
 * here). Secrets are redacted before anything is logged.
 */
public class RequestLogFilter extends OncePerRequestFilter {

    public static final String LOGGER = "eventshop.requests";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private final ClientAddress clients;
    private final int maxBodyChars;

    public RequestLogFilter(GatewayProperties properties) {
        this.clients = new ClientAddress(properties.getTrustedProxies());
        this.maxBodyChars = properties.getRequestLog().getMaxBodyChars();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        String client = clients.of(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
        request.setAttribute(GatewayRequest.CLIENT, client);
        TeeResponse tee = new TeeResponse(response, maxBodyChars * 4);
        int status = 500;
        try {
            chain.doFilter(request, tee);
            status = tee.getStatus();
        } finally {
            long millis = (System.nanoTime() - start) / 1_000_000;
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("service", "gateway");
            fields.put("route", attribute(request, GatewayRequest.ROUTE));
            fields.put("method", request.getMethod());
            fields.put("path", request.getRequestURI());
            fields.put("query", Redactor.query(request.getQueryString()));
            fields.put("status", status);
            fields.put("duration_ms", millis);
            fields.put("client", client);
            fields.put("username", attribute(request, GatewayRequest.USERNAME));
            fields.put("request_body", Redactor.body(attribute(request, GatewayRequest.REQUEST_BODY), maxBodyChars));
            fields.put("response_body", Redactor.body(tee.head(), maxBodyChars));
            fields.put("trace_id", TraceIdFilter.current());
            log.info(Markers.appendEntries(fields), "{} {} {} {} ms", request.getMethod(), request.getRequestURI(),
                    status, millis);
        }
    }

    private static String attribute(HttpServletRequest request, String name) {
        Object value = request.getAttribute(name);
        return value == null ? null : value.toString();
    }
}
