package com.eventshop.platform.testapp;

import com.eventshop.platform.web.ProblemException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/widgets")
public class WidgetController {

    private static final Logger log = LoggerFactory.getLogger(WidgetController.class);

    public record WidgetRequest(@NotBlank String name, @Min(1) @Max(100) int quantity, String note) {
    }

    public record Widget(String id, String name, int quantity) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public Widget create(@Valid @RequestBody WidgetRequest request) {
        log.info("widget created: {}", request.name());
        return new Widget("w-1", request.name(), request.quantity());
    }

    @GetMapping("/{id}")
    public Widget get(@PathVariable String id) {
        if (id.equals("missing")) {
            throw ProblemException.notFound("No widget " + id).with("widgetId", id);
        }
        if (id.equals("boom")) {
            throw new IllegalStateException("secret-internal-detail");
        }
        return new Widget(id, "gear", 1);
    }

    /** Fails outside Spring MVC's exception handling: the container forwards to /error. */
    @GetMapping("/unavailable")
    public void unavailable(HttpServletResponse response) throws IOException {
        response.sendError(HttpStatus.SERVICE_UNAVAILABLE.value(), "down for maintenance");
    }
}
