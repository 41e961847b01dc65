package com.eventshop.catalog.api;

import com.eventshop.catalog.domain.Category;
import com.eventshop.catalog.domain.Money;
import com.eventshop.catalog.domain.Product;
import com.eventshop.catalog.domain.ProductImage;
import com.eventshop.catalog.media.MediaUrls;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Request and response bodies of the catalog API. */
public final class CatalogJson {

    private CatalogJson() {
    }

    /** A price: {@code {"amount": "12.99", "currency": "EUR"}} (amount as number or string). */
    public record PriceJson(BigDecimal amount, String currency) {
        static PriceJson of(Money money) {
            return new PriceJson(money.amount(), money.currency());
        }
    }

    public record CategoryRequest(String slug, String name, String parent, Long version) {
    }

    /**
     * A product as an admin sends it. {@code category} is {@code {"slug": "shoes"}} or the plain
     * slug {@code "shoes"}. {@code version} (update and delete) guards against lost updates.
     */
    public record ProductRequest(String id, String sku, String slug, String name, String description, PriceJson price,
                                 JsonNode category, Map<String, Object> attributes, Boolean active, Long version) {
    }

    public record ImageArrangement(Boolean primary, Integer position) {
    }

    public record CategoryJson(String id, String slug, String name, String parent, long version) {
        static CategoryJson of(Category c) {
            return new CategoryJson(c.id(), c.slug(), c.name(), c.parentSlug(), c.version());
        }
    }

    public record CategoryRef(String slug, String name) {
    }

    public record ImageUrls(String original, String small, String medium) {
    }

    public record ImageJson(String id, int position, boolean primary, String contentType, int width, int height,
                            long sizeBytes, String fileName, ImageUrls urls) {
        static ImageJson of(ProductImage i, MediaUrls urls) {
            return new ImageJson(i.id(), i.position(), i.primary(), i.contentType(), i.width(), i.height(), i.sizeBytes(),
                    i.fileName(), new ImageUrls(urls.publicUrl(i.originalKey()), urls.publicUrl(i.smallKey()),
                    urls.publicUrl(i.mediumKey())));
        }
    }

    /** The lean representation in lists: category slug and name only, the primary thumbnail. */
    public record ProductSummary(String id, String slug, String name, PriceJson price, CategoryRef category,
                                 String imageUrl) {
        static ProductSummary of(Product p, MediaUrls urls) {
            return new ProductSummary(p.id(), p.slug(), p.name(), PriceJson.of(p.price()),
                    new CategoryRef(p.category().slug(), p.category().name()),
                    p.primaryImage().map(i -> urls.publicUrl(i.smallKey())).orElse(null));
        }
    }

    /** The full representation of the detail page and of admin answers. */
    public record ProductDetail(String id, String sku, String slug, String name, String description, PriceJson price,
                                CategoryJson category, Map<String, Object> attributes, boolean active, long version,
                                Instant createdAt, Instant updatedAt, List<ImageJson> images) {
        static ProductDetail of(Product p, MediaUrls urls) {
            return new ProductDetail(p.id(), p.sku(), p.slug(), p.name(), p.description(), PriceJson.of(p.price()),
                    CategoryJson.of(p.category()), p.attributes(), p.active(), p.version(), p.createdAt(), p.updatedAt(),
                    p.images().stream().map(i -> ImageJson.of(i, urls)).toList());
        }
    }

    public record ProductPage(int page, int size, long total, List<ProductSummary> items) {
    }
}
