package com.eventshop.catalog.api;

import com.eventshop.catalog.api.CatalogJson.CategoryJson;
import com.eventshop.catalog.api.CatalogJson.CategoryRequest;
import com.eventshop.catalog.domain.Slug;
import com.eventshop.catalog.store.CatalogStore;
import com.eventshop.platform.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Categories: public list and detail; create, update and delete for admins. */
@RestController
@RequestMapping("/api/catalog/categories")
public class CategoryController {

    private final CatalogStore store;

    public CategoryController(CatalogStore store) {
        this.store = store;
    }

    @Operation(operationId = "listCategories", summary = "List categories")
    @GetMapping
    public List<CategoryJson> list() {
        return store.categories().stream().map(CategoryJson::of).toList();
    }

    @Operation(operationId = "getCategory", summary = "A category by slug")
    @GetMapping("/{slug}")
    public CategoryJson get(@PathVariable String slug) {
        return store.category(slug).map(CategoryJson::of)
                .orElseThrow(() -> ProblemException.notFound("No category '" + slug + "'"));
    }

    @Operation(operationId = "createCategory", summary = "Create a category (admin)")
    @ResponseStatus(HttpStatus.CREATED) // what the OpenAPI description documents
    @PostMapping
    public ResponseEntity<CategoryJson> create(@RequestBody CategoryRequest request) {
        Slug slug = new Slug(required(request.slug(), "slug"));
        CategoryJson created = CategoryJson.of(store.createCategory(slug, required(request.name(), "name"), request.parent()));
        return ResponseEntity.created(URI.create("/api/catalog/categories/" + created.slug())).body(created);
    }

    @Operation(operationId = "updateCategory", summary = "Update a category (admin)")
    @PutMapping("/{slug}")
    public CategoryJson update(@PathVariable String slug, @RequestBody CategoryRequest request) {
        if (request.slug() != null && !request.slug().equals(slug)) {
            throw ProblemException.badRequest("A category's slug cannot change (path '" + slug + "', body '"
                    + request.slug() + "')");
        }
        return CategoryJson.of(store.updateCategory(slug, required(request.name(), "name"), request.parent(),
                request.version()));
    }

    @Operation(operationId = "deleteCategory", summary = "Delete a category (admin)")
    @ResponseStatus(HttpStatus.NO_CONTENT) // what the OpenAPI description documents
    @DeleteMapping("/{slug}")
    public ResponseEntity<Void> delete(@PathVariable String slug) {
        store.deleteCategory(slug);
        return ResponseEntity.noContent().build();
    }

    static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field + " is required").with("errors",
                    List.of(java.util.Map.of("field", field, "message", "is required")));
        }
        return value.strip();
    }
}
