package com.eventshop.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error report as RFC 9457 problem+json instead of its HTML page. Tomcat answers some
 * requests itself, before any filter or servlet sees them: a path it cannot decode or normalise
 * ({@code /api/%}, {@code /api/%2e%2e/x}), a control character in the request line, headers over
 * the limit, a method that is not a token, TRACE. It routes those answers through the host's
 * error report valve, which is this one on every Eventshop service (installed by
 * {@link ProblemTomcatCustomizer}). Errors inside the application still go to {@code /error}
 * ({@link ProblemErrorController}); this valve only writes when nothing was written yet.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get() || !response.setErrorReported()) {
            return;
        }
        String json = problem(status, response.getMessage());
        try {
            response.resetBuffer();
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response cannot take a body any more: nothing else to do
        }
    }

    /** The problem document: status, title, and for a client error what Tomcat found wrong. */
    static String problem(int status, String message) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known != null ? known.getReasonPhrase() : status >= 500 ? "Server error" : "Client error";
        String detail;
        if (status == 505) {
            detail = "This server speaks HTTP/1.1 and HTTP/1.0";
        } else if (status >= 500) {
            detail = "An unexpected error occurred";
        } else if (message != null && !message.isBlank() && !message.contains("Exception")) {
            detail = clean(message);
        } else {
            detail = switch (status) {
                case 400 -> "The request line, path or headers are malformed";
                case 405 -> "This method is not allowed here";
                case 431 -> "The request headers are too large";
                default -> title;
            };
        }
        return "{\"type\":\"about:blank\",\"title\":" + quote(title) + ",\"status\":" + status
                + ",\"detail\":" + quote(detail) + "}";
    }

    /** At most 200 printable characters: a message can quote what the client sent. */
    private static String clean(String message) {
        StringBuilder out = new StringBuilder();
        message.codePoints().limit(200).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '<' -> out.append("\\u003c");
                case '>' -> out.append("\\u003e");
                case '&' -> out.append("\\u0026");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
