package com.eventshop.platform.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error of an Eventshop HTTP API as an RFC 9457 {@code application/problem+json} body
 * with the request's {@code traceId}: Spring MVC's own exceptions (via
 * {@link ResponseEntityExceptionHandler}), validation failures (400 with
 * {@code errors: [{field, message}]}), unreadable JSON and unknown fields (400 naming the field),
 * bodies over the limit (413), {@link ProblemException}s and, last, anything unexpected (500,
 * logged, no stack trace in the answer).
 *
 * <p>Ordered last, so a service's own {@code @RestControllerAdvice} is asked first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(error(error.getField(), error.getDefaultMessage()));
        }
        for (ObjectError error : ex.getBindingResult().getGlobalErrors()) {
            errors.add(error(error.getObjectName(), error.getDefaultMessage()));
        }
        return invalid(ex, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(result -> {
            String parameter = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String field = error instanceof FieldError fieldError ? fieldError.getField() : parameter;
                errors.add(error(field, error.getDefaultMessage()));
            }
        });
        return invalid(ex, errors, headers, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : ex.getConstraintViolations()) {
            errors.add(error(String.valueOf(violation.getPropertyPath()), violation.getMessage()));
        }
        return invalid(ex, errors, new HttpHeaders(), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        PayloadTooLargeException tooLarge = findCause(ex, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return handlePayloadTooLarge(tooLarge, request);
        }
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle("Unreadable request body");
        UnrecognizedPropertyException unknown = findCause(ex, UnrecognizedPropertyException.class);
        MismatchedInputException mismatch = findCause(ex, MismatchedInputException.class);
        StreamReadException malformed = findCause(ex, StreamReadException.class);
        if (unknown != null) {
            String field = path(unknown);
            problem.setDetail("Unknown field '" + field + "'");
            problem.setProperty("errors", List.of(error(field, "unknown field")));
        } else if (mismatch != null && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch);
            String expected = mismatch.getTargetType() != null ? mismatch.getTargetType().getSimpleName() : "another type";
            problem.setDetail("Field '" + field + "' has the wrong type or format");
            problem.setProperty("errors", List.of(error(field, "expected " + expected)));
        } else if (malformed != null) {
            problem.setDetail("Malformed JSON: " + malformed.getOriginalMessage());
        } else {
            problem.setDetail("Request body is missing or cannot be read");
        }
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    public ResponseEntity<Object> handlePayloadTooLarge(PayloadTooLargeException ex, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, ex.getMessage());
        HttpHeaders headers = new HttpHeaders();
        headers.setConnection("close");
        return handleExceptionInternal(ex, problem, headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
    }

    @ExceptionHandler(ProblemException.class)
    public ResponseEntity<Object> handleProblem(ProblemException ex, WebRequest request) {
        if (ex.getStatus().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            // A deliberate, expected answer (owner unreachable, rebalancing): no stack trace.
            log.warn("Service unavailable: {}", ex.getMessage());
        } else if (ex.getStatus().is5xxServerError()) {
            log.error("Request failed: {}", ex.getMessage(), ex);
        }
        HttpHeaders headers = new HttpHeaders();
        ex.getRetryAfter().ifPresent(after -> headers.set(HttpHeaders.RETRY_AFTER,
                Long.toString(Math.max(1, (after.toMillis() + 999) / 1000))));
        return handleExceptionInternal(ex, ex.toProblemDetail(), headers, ex.getStatus(), request);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        log.error("Unexpected error in {}", request.getDescription(false), ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; quote the traceId when reporting it");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    /** Every answer of this handler goes out as problem+json carrying the trace id. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode statusCode,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            Object traceId = request.getAttribute(TraceIdFilter.REQUEST_ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            if (traceId != null && (problem.getProperties() == null || !problem.getProperties().containsKey("traceId"))) {
                problem.setProperty("traceId", traceId);
            }
            HttpHeaders withType = new HttpHeaders();
            withType.putAll(headers);
            withType.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            headers = withType;
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private ResponseEntity<Object> invalid(Exception ex, List<Map<String, String>> errors, HttpHeaders headers,
            WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid");
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static Map<String, String> error(String field, String message) {
        Map<String, String> error = new LinkedHashMap<>();
        error.put("field", field);
        error.put("message", message);
        return error;
    }

    /** a.b[0].c from Jackson's path of references. */
    private static String path(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : ex.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        if (path.isEmpty() && ex instanceof UnrecognizedPropertyException unknown) {
            return unknown.getPropertyName();
        }
        return path.toString();
    }

    private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
