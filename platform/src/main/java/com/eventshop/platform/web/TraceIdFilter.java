package com.eventshop.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request a trace id: the trace-id of a W3C {@code traceparent} header, else an
 * {@code X-Trace-Id} header, else a new random 32-hex-digit id (W3C compatible). It is in the
 * logging MDC as {@code traceId} while the request runs (also in the error dispatch) and is
 * returned in the {@code X-Trace-Id} response header.
 */
public class TraceIdFilter extends OncePerRequestFilter {

    public static final String TRACEPARENT_HEADER = "traceparent";
    public static final String TRACE_ID_HEADER = "X-Trace-Id";
    public static final String MDC_KEY = "traceId";
    /** Request attribute holding the trace id, for code that runs outside the MDC's thread. */
    public static final String REQUEST_ATTRIBUTE = TraceIdFilter.class.getName() + ".traceId";

    // version "-" 32 hex trace-id "-" 16 hex parent-id "-" 2 hex flags (version 00; later ones may append)
    private static final Pattern TRACEPARENT =
            Pattern.compile("^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$");
    private static final Pattern CLIENT_TRACE_ID = Pattern.compile("^[A-Za-z0-9._-]{8,64}$");
    private static final String INVALID_TRACE_ID = "0".repeat(32);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String traceId = (String) request.getAttribute(REQUEST_ATTRIBUTE);
        if (traceId == null) {
            traceId = resolve(request.getHeader(TRACEPARENT_HEADER), request.getHeader(TRACE_ID_HEADER));
            request.setAttribute(REQUEST_ATTRIBUTE, traceId);
        }
        if (!response.containsHeader(TRACE_ID_HEADER)) {
            response.setHeader(TRACE_ID_HEADER, traceId);
        }
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, traceId);
        try {
            chain.doFilter(request, response);
        } finally {
            if (previous == null) {
                MDC.remove(MDC_KEY);
            } else {
                MDC.put(MDC_KEY, previous);
            }
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    /** The trace id for these header values (either may be null). */
    public static String resolve(String traceparent, String traceIdHeader) {
        if (traceparent != null) {
            var m = TRACEPARENT.matcher(traceparent.trim());
            if (m.matches() && !"ff".equals(m.group(1)) && !INVALID_TRACE_ID.equals(m.group(2))) {
                return m.group(2);
            }
        }
        if (traceIdHeader != null && CLIENT_TRACE_ID.matcher(traceIdHeader.trim()).matches()) {
            return traceIdHeader.trim();
        }
        return newTraceId();
    }

    private static String newTraceId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The trace id of the current request thread, or null outside a request. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
