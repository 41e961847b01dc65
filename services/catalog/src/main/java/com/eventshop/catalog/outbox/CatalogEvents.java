package com.eventshop.catalog.outbox;

import com.eventshop.catalog.domain.Category;
import com.eventshop.catalog.domain.Product;
import com.eventshop.catalog.domain.ProductImage;
import com.eventshop.catalog.media.MediaUrls;
import com.eventshop.contracts.serde.ContractSerde;

/** The contract records (catalog.products, catalog.categories) of stored rows. */
public final class CatalogEvents {

    private static final ContractSerde<com.eventshop.contracts.tables.Product> PRODUCTS =
            ContractSerde.of(com.eventshop.contracts.tables.Product.class);
    private static final ContractSerde<com.eventshop.contracts.tables.Category> CATEGORIES =
            ContractSerde.of(com.eventshop.contracts.tables.Category.class);

    private final MediaUrls urls;

    public CatalogEvents(MediaUrls urls) {
        this.urls = urls;
    }

    public com.eventshop.contracts.tables.Product product(Product p) {
        return com.eventshop.contracts.tables.Product.newBuilder()
                .setProductId(p.id())
                .setSku(p.sku())
                .setSlug(p.slug())
                .setName(p.name())
                .setDescription(p.description())
                .setPriceCents(p.price().minorUnits())
                .setCurrency(p.price().currency())
                .setCategorySlug(p.category().slug())
                .setActive(p.active())
                .setImageUrl(p.primaryImage().map(ProductImage::mediumKey).map(urls::publicUrl).orElse(null))
                .setVersion(p.version())
                .build();
    }

    public com.eventshop.contracts.tables.Category category(Category c) {
        return com.eventshop.contracts.tables.Category.newBuilder()
                .setCategoryId(c.id())
                .setSlug(c.slug())
                .setName(c.name())
                .setParentSlug(c.parentSlug())
                .setVersion(c.version())
                .build();
    }

    public byte[] encode(com.eventshop.contracts.tables.Product product) {
        return PRODUCTS.encode(product);
    }

    public byte[] encode(com.eventshop.contracts.tables.Category category) {
        return CATEGORIES.encode(category);
    }
}
