package com.eventshop.catalog.api;

import static com.eventshop.catalog.api.CategoryController.required;

import com.eventshop.catalog.api.CatalogJson.ImageArrangement;
import com.eventshop.catalog.api.CatalogJson.ProductDetail;
import com.eventshop.catalog.api.CatalogJson.ProductPage;
import com.eventshop.catalog.api.CatalogJson.ProductRequest;
import com.eventshop.catalog.api.CatalogJson.ProductSummary;
import com.eventshop.catalog.domain.Money;
import com.eventshop.catalog.domain.Product;
import com.eventshop.catalog.domain.ProductDraft;
import com.eventshop.catalog.domain.ProductImage;
import com.eventshop.catalog.domain.ProductQuery;
import com.eventshop.catalog.domain.Slug;
import com.eventshop.catalog.media.MediaUrls;
import com.eventshop.catalog.media.ProductImages;
import com.eventshop.catalog.store.CatalogStore;
import com.eventshop.platform.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.JsonNode;

/**
 * Products: the public list (lean) and detail (full); create, update, delete and images for
 * admins. Every change is one database transaction with its outbox row.
 */
@RestController
@RequestMapping("/api/catalog/products")
public class ProductController {

    private final CatalogStore store;
    private final ProductImages images;
    private final MediaUrls urls;

    public ProductController(CatalogStore store, ProductImages images, MediaUrls urls) {
        this.store = store;
        this.images = images;
        this.urls = urls;
    }

    @Operation(operationId = "listProducts", summary = "List products, by category, price or text")
    @GetMapping
    public ProductPage list(@RequestParam(required = false) String category,
                            @RequestParam(required = false) BigDecimal minPrice,
                            @RequestParam(required = false) BigDecimal maxPrice,
                            @RequestParam(required = false) String q,
                            @RequestParam(defaultValue = "0") int page,
                            @RequestParam(defaultValue = "20") int size) {
        ProductQuery query = new ProductQuery(category, minPrice, maxPrice, q, page, size);
        CatalogStore.Page result = store.products(query);
        return new ProductPage(page, size, result.total(),
                result.products().stream().map(p -> ProductSummary.of(p, urls)).toList());
    }

    /** By id or by slug. */
    @Operation(operationId = "getProduct", summary = "A product by id or slug, with its images")
    @GetMapping("/{idOrSlug}")
    public ProductDetail get(@PathVariable String idOrSlug) {
        Product product = store.product(idOrSlug).or(() -> store.productBySlug(idOrSlug))
                .orElseThrow(() -> ProblemException.notFound("No product " + idOrSlug).with("productId", idOrSlug));
        return ProductDetail.of(product, urls);
    }

    @Operation(operationId = "createProduct", summary = "Create a product (admin)")
    @ResponseStatus(HttpStatus.CREATED) // what the OpenAPI description documents
    @PostMapping
    public ResponseEntity<ProductDetail> create(@RequestBody ProductRequest request) {
        ProductDetail created = ProductDetail.of(store.createProduct(request.id(), draft(request)), urls);
        return ResponseEntity.created(URI.create("/api/catalog/products/" + created.id())).body(created);
    }

    @Operation(operationId = "updateProduct", summary = "Update a product (admin)")
    @PutMapping("/{id}")
    public ProductDetail update(@PathVariable String id, @RequestBody ProductRequest request) {
        if (request.id() != null && !request.id().equals(id)) {
            throw ProblemException.badRequest("The body names product " + request.id() + ", the path " + id);
        }
        return ProductDetail.of(store.updateProduct(id, draft(request), request.version()), urls);
    }

    /** Deletes the product, its images and their objects; {@code ?version=} guards it. */
    @Operation(operationId = "deleteProduct", summary = "Delete a product (admin)")
    @ResponseStatus(HttpStatus.NO_CONTENT) // what the OpenAPI description documents
    @DeleteMapping("/{id}")
    public ResponseEntity<Void> delete(@PathVariable String id, @RequestParam(required = false) Long version) {
        for (ProductImage image : store.deleteProduct(id, version)) {
            images.deleteObjects(image);
        }
        return ResponseEntity.noContent().build();
    }

    /** One or more files in the multipart part(s) {@code files}. */
    @Operation(summary = "Upload images of a product (admin)")
    @ResponseStatus(HttpStatus.CREATED) // what the OpenAPI description documents
    @PostMapping(path = "/{id}/images", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<ProductDetail> addImages(@PathVariable String id, @RequestPart("files") List<MultipartFile> files) {
        if (files == null || files.isEmpty()) {
            throw ProblemException.badRequest("No files: send one or more parts named 'files'");
        }
        List<ProductImages.Upload> uploads = new ArrayList<>();
        for (MultipartFile file : files) {
            try {
                uploads.add(new ProductImages.Upload(file.getOriginalFilename(), file.getBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(ProductDetail.of(images.add(id, uploads), urls));
    }

    /** Makes an image primary ({@code {"primary": true}}) and/or moves it ({@code {"position": 0}}). */
    @Operation(summary = "Make an image primary or move it (admin)")
    @PatchMapping("/{id}/images/{imageId}")
    public ProductDetail arrangeImage(@PathVariable String id, @PathVariable String imageId,
                                      @RequestBody ImageArrangement arrangement) {
        return ProductDetail.of(store.arrangeImage(id, imageId, arrangement.primary(), arrangement.position()), urls);
    }

    @Operation(summary = "Delete an image of a product (admin)")
    @DeleteMapping("/{id}/images/{imageId}")
    public ProductDetail deleteImage(@PathVariable String id, @PathVariable String imageId) {
        return ProductDetail.of(images.remove(id, imageId), urls);
    }

    private static ProductDraft draft(ProductRequest request) {
        if (request.price() == null || request.price().amount() == null || request.price().currency() == null) {
            throw ProblemException.badRequest("price {amount, currency} is required");
        }
        return new ProductDraft(required(request.sku(), "sku"),
                request.slug() != null ? new Slug(request.slug()) : Slug.from(required(request.name(), "name")),
                required(request.name(), "name"), request.description(),
                new Money(request.price().amount(), request.price().currency().strip().toUpperCase(java.util.Locale.ROOT)),
                categorySlug(request.category()), request.attributes(),
                request.active() == null || request.active());
    }

    /** {@code "shoes"} or {@code {"slug": "shoes"}}. */
    private static String categorySlug(JsonNode category) {
        if (category == null || category.isNull()) {
            throw ProblemException.badRequest("category is required: {\"slug\": \"...\"} or a slug");
        }
        if (category.isString()) {
            return required(category.asString(), "category");
        }
        if (category.isObject() && category.get("slug") != null && category.get("slug").isString()) {
            return required(category.get("slug").asString(), "category.slug");
        }
        throw ProblemException.badRequest("category must be {\"slug\": \"...\"} or a slug");
    }
}
