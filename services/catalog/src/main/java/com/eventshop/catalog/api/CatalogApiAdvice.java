package com.eventshop.catalog.api;

import com.eventshop.catalog.domain.CatalogException;
import com.eventshop.catalog.domain.ImageCheck;
import com.eventshop.catalog.media.ProductImages.RefusedUpload;
import com.eventshop.platform.web.ProblemDetailsAdvice;
import com.eventshop.platform.web.ProblemException;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/**
 * Turns the catalog's rule failures into problems, answered by the platform's handler:
 * unknown category 422 naming the slug, not found 404, conflicts and version mismatches 409,
 * invalid values 400, refused uploads 413 / 415 / 422.
 */
@RestControllerAdvice(basePackageClasses = CatalogApiAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class CatalogApiAdvice {

    static final URI UNKNOWN_CATEGORY = URI.create("urn:eventshop:problem:unknown-category");
    static final URI VERSION_MISMATCH = URI.create("urn:eventshop:problem:version-mismatch");
    static final URI UNSUPPORTED_IMAGE = URI.create("urn:eventshop:problem:unsupported-image");
    static final URI IMAGE_TOO_LARGE = URI.create("urn:eventshop:problem:image-too-large");
    static final URI IMAGE_TOO_MANY_PIXELS = URI.create("urn:eventshop:problem:image-too-many-pixels");

    private final ProblemDetailsAdvice problems;

    public CatalogApiAdvice(ProblemDetailsAdvice problems) {
        this.problems = problems;
    }

    @ExceptionHandler(CatalogException.class)
    public ResponseEntity<Object> catalog(CatalogException e, WebRequest request) {
        ProblemException problem = switch (e.kind()) {
            case NOT_FOUND -> ProblemException.notFound(e.getMessage());
            case UNKNOWN_CATEGORY -> ProblemException.unprocessable(e.getMessage()).type(UNKNOWN_CATEGORY);
            case CONFLICT -> ProblemException.conflict(e.getMessage());
            case VERSION_MISMATCH -> ProblemException.conflict(e.getMessage()).type(VERSION_MISMATCH);
            case INVALID -> ProblemException.badRequest(e.getMessage());
        };
        e.details().forEach(problem::with);
        return problems.handleProblem(problem, request);
    }

    /** Values the domain refuses (a bad slug, a negative price, an unknown currency). */
    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<Object> invalid(IllegalArgumentException e, WebRequest request) {
        return problems.handleProblem(ProblemException.badRequest(e.getMessage()), request);
    }

    @ExceptionHandler(RefusedUpload.class)
    public ResponseEntity<Object> refused(RefusedUpload e, WebRequest request) {
        ProblemException problem;
        if (e.result() instanceof ImageCheck.Result.TooLarge t) {
            problem = new ProblemException(HttpStatus.CONTENT_TOO_LARGE, e.getMessage()).type(IMAGE_TOO_LARGE)
                    .with("maxBytes", t.maxBytes());
        } else if (e.result() instanceof ImageCheck.Result.UnsupportedContent) {
            problem = new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, e.getMessage()).type(UNSUPPORTED_IMAGE)
                    .with("accepted", java.util.List.of("image/jpeg", "image/png", "image/webp"));
        } else if (e.result() instanceof ImageCheck.Result.TooManyPixels p) {
            problem = ProblemException.unprocessable(e.getMessage()).type(IMAGE_TOO_MANY_PIXELS)
                    .with("maxPixels", p.maxPixels());
        } else {
            problem = ProblemException.unprocessable(e.getMessage()).type(UNSUPPORTED_IMAGE);
        }
        if (e.fileName() != null) {
            problem.with("fileName", e.fileName());
        }
        return problems.handleProblem(problem, request);
    }
}
