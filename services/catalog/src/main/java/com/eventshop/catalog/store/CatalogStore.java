package com.eventshop.catalog.store;

import com.eventshop.catalog.domain.CatalogException;
import com.eventshop.catalog.domain.CatalogException.Kind;
import com.eventshop.catalog.domain.Category;
import com.eventshop.catalog.domain.Money;
import com.eventshop.catalog.domain.Product;
import com.eventshop.catalog.domain.ProductDraft;
import com.eventshop.catalog.domain.ProductImage;
import com.eventshop.catalog.domain.ProductQuery;
import com.eventshop.catalog.domain.Slug;
import com.eventshop.catalog.outbox.Outbox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Categories, products and image rows in the catalog database. Every change runs in one
 * transaction with its outbox row, and bumps the entity's version.
 */
public final class CatalogStore {

    private static final String PRODUCT_COLUMNS = "p.id, p.sku, p.slug, p.name, p.description, p.price, p.currency, "
            + "p.attributes::text, p.active, p.version, p.created_at, p.updated_at, "
            + "c.id AS c_id, c.slug AS c_slug, c.name AS c_name, pc.slug AS c_parent, c.version AS c_version";
    private static final String PRODUCT_FROM = " FROM product p JOIN category c ON c.id = p.category_id "
            + "LEFT JOIN category pc ON pc.id = c.parent_id";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Outbox outbox;
    private final JsonMapper json;
    private static final RowMapper<Category> CATEGORY = CatalogStore::category;
    private static final RowMapper<ProductImage> IMAGE = CatalogStore::image;
    private final RowMapper<Product> productRows = this::product;

    public CatalogStore(JdbcClient jdbc, TransactionTemplate tx, Outbox outbox, JsonMapper json) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.outbox = outbox;
        this.json = json;
    }

    public <T> T inTransaction(Supplier<T> work) {
        return tx.execute(status -> work.get());
    }

    // ---- categories -------------------------------------------------------------------

    public List<Category> categories() {
        return jdbc.sql("SELECT c.id, c.slug, c.name, p.slug, c.version FROM category c "
                        + "LEFT JOIN category p ON p.id = c.parent_id ORDER BY c.slug")
                .query(CATEGORY).list();
    }

    public Optional<Category> category(String slug) {
        return jdbc.sql("SELECT c.id, c.slug, c.name, p.slug, c.version FROM category c "
                        + "LEFT JOIN category p ON p.id = c.parent_id WHERE c.slug = ?")
                .param(slug).query(CATEGORY).optional();
    }

    public Category createCategory(Slug slug, String name, String parentSlug) {
        return inTransaction(() -> {
            String parentId = parentSlug == null ? null : requireCategory(parentSlug).id();
            String id = "c-" + slug.value();
            try {
                jdbc.sql("INSERT INTO category (id, slug, name, parent_id, version) VALUES (?, ?, ?, ?, 1)")
                        .params(id, slug.value(), name, parentId).update();
            } catch (DuplicateKeyException e) {
                throw new CatalogException(Kind.CONFLICT, "A category with slug '" + slug + "' exists",
                        Map.of("slug", slug.value()));
            }
            Category created = category(slug.value()).orElseThrow();
            outbox.categoryChanged(created);
            return created;
        });
    }

    public Category updateCategory(String slug, String name, String parentSlug, Long expectedVersion) {
        return inTransaction(() -> {
            Category current = requireCategory(slug);
            checkVersion(current.version(), expectedVersion, "category " + slug);
            String parentId = null;
            if (parentSlug != null) {
                Category parent = requireCategory(parentSlug);
                if (parent.id().equals(current.id()) || isAncestor(current.id(), parent.id())) {
                    throw new CatalogException(Kind.INVALID, "A category cannot be its own ancestor", Map.of("parent", parentSlug));
                }
                parentId = parent.id();
            }
            jdbc.sql("UPDATE category SET name = ?, parent_id = ?, version = version + 1, updated_at = now() WHERE id = ?")
                    .params(name, parentId, current.id()).update();
            Category updated = category(slug).orElseThrow();
            outbox.categoryChanged(updated);
            return updated;
        });
    }

    public void deleteCategory(String slug) {
        inTransaction(() -> {
            Category current = requireCategory(slug);
            long products = jdbc.sql("SELECT count(*) FROM product WHERE category_id = ?").param(current.id())
                    .query(Long.class).single();
            long children = jdbc.sql("SELECT count(*) FROM category WHERE parent_id = ?").param(current.id())
                    .query(Long.class).single();
            if (products > 0 || children > 0) {
                throw new CatalogException(Kind.CONFLICT, "Category '" + slug + "' still has " + products
                        + " products and " + children + " subcategories", Map.of("slug", slug));
            }
            jdbc.sql("DELETE FROM category WHERE id = ?").param(current.id()).update();
            outbox.categoryDeleted(current.id(), current.version() + 1);
            return null;
        });
    }

    private boolean isAncestor(String candidateAncestorId, String categoryId) {
        String id = categoryId;
        for (int depth = 0; id != null && depth < 100; depth++) {
            if (id.equals(candidateAncestorId)) {
                return true;
            }
            id = jdbc.sql("SELECT parent_id FROM category WHERE id = ?").param(id).query(String.class).optional().orElse(null);
        }
        return false;
    }

    private Category requireCategory(String slug) {
        return category(slug).orElseThrow(() -> new CatalogException(Kind.UNKNOWN_CATEGORY,
                "Unknown category '" + slug + "'", Map.of("categorySlug", slug)));
    }

    // ---- products ---------------------------------------------------------------------

    public Optional<Product> product(String id) {
        return jdbc.sql("SELECT " + PRODUCT_COLUMNS + PRODUCT_FROM + " WHERE p.id = ?").param(id)
                .query(productRows).optional().map(p -> withImages(p, images(p.id())));
    }

    public Optional<Product> productBySlug(String slug) {
        return jdbc.sql("SELECT " + PRODUCT_COLUMNS + PRODUCT_FROM + " WHERE p.slug = ?").param(slug)
                .query(productRows).optional().map(p -> withImages(p, images(p.id())));
    }

    public long productCount() {
        return jdbc.sql("SELECT count(*) FROM product").query(Long.class).single();
    }

    /** A page of active products matching the query, and the total count. */
    public record Page(List<Product> products, long total) {
    }

    public Page products(ProductQuery query) {
        StringBuilder where = new StringBuilder(" WHERE p.active");
        Map<String, Object> params = new LinkedHashMap<>();
        if (query.categorySlug() != null) {
            // The category and its subcategories.
            where.append(" AND p.category_id IN (WITH RECURSIVE tree(id) AS (SELECT id FROM category WHERE slug = :category "
                    + "UNION SELECT c.id FROM category c JOIN tree t ON c.parent_id = t.id) SELECT id FROM tree)");
            params.put("category", query.categorySlug());
        }
        if (query.minPrice() != null) {
            where.append(" AND p.price >= :minPrice");
            params.put("minPrice", query.minPrice());
        }
        if (query.maxPrice() != null) {
            where.append(" AND p.price <= :maxPrice");
            params.put("maxPrice", query.maxPrice());
        }
        if (query.text() != null) {
            where.append(" AND (strpos(lower(p.name), lower(:text)) > 0 OR strpos(lower(p.description), lower(:text)) > 0)");
            params.put("text", query.text());
        }
        long total = jdbc.sql("SELECT count(*)" + PRODUCT_FROM + where).params(params).query(Long.class).single();
        params.put("limit", query.size());
        params.put("offset", (long) query.page() * query.size());
        List<Product> page = jdbc.sql("SELECT " + PRODUCT_COLUMNS + PRODUCT_FROM + where
                        + " ORDER BY p.name, p.id LIMIT :limit OFFSET :offset")
                .params(params).query(productRows).list();
        Map<String, List<ProductImage>> primaries = primaryImages(page.stream().map(Product::id).toList());
        return new Page(page.stream().map(p -> withImages(p, primaries.getOrDefault(p.id(), List.of()))).toList(), total);
    }

    public Product createProduct(String id, ProductDraft draft) {
        return inTransaction(() -> {
            Category category = requireCategory(draft.categorySlug());
            String productId = id != null ? id : "p-" + UUID.randomUUID().toString().substring(0, 13);
            try {
                jdbc.sql("INSERT INTO product (id, sku, slug, name, description, price, currency, category_id, attributes, "
                                + "active, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, 1)")
                        .params(productId, draft.sku(), draft.slug().value(), draft.name(), draft.description(),
                                draft.price().amount(), draft.price().currency(), category.id(),
                                json.writeValueAsString(draft.attributes()), draft.active())
                        .update();
            } catch (DuplicateKeyException e) {
                throw new CatalogException(Kind.CONFLICT, "A product with this id, sku or slug exists",
                        Map.of("productId", productId, "sku", draft.sku(), "slug", draft.slug().value()));
            }
            return changed(productId);
        });
    }

    public Product updateProduct(String id, ProductDraft draft, Long expectedVersion) {
        return inTransaction(() -> {
            Product current = requireProductForUpdate(id);
            checkVersion(current.version(), expectedVersion, "product " + id);
            Category category = requireCategory(draft.categorySlug());
            try {
                jdbc.sql("UPDATE product SET sku = ?, slug = ?, name = ?, description = ?, price = ?, currency = ?, "
                                + "category_id = ?, attributes = ?::jsonb, active = ?, version = version + 1, updated_at = now() "
                                + "WHERE id = ?")
                        .params(draft.sku(), draft.slug().value(), draft.name(), draft.description(),
                                draft.price().amount(), draft.price().currency(), category.id(),
                                json.writeValueAsString(draft.attributes()), draft.active(), id)
                        .update();
            } catch (DuplicateKeyException e) {
                throw new CatalogException(Kind.CONFLICT, "Another product has this sku or slug",
                        Map.of("sku", draft.sku(), "slug", draft.slug().value()));
            }
            return changed(id);
        });
    }

    /** Deletes the product and its image rows; returns the image rows so their objects can go. */
    public List<ProductImage> deleteProduct(String id, Long expectedVersion) {
        return inTransaction(() -> {
            Product current = requireProductForUpdate(id);
            checkVersion(current.version(), expectedVersion, "product " + id);
            jdbc.sql("DELETE FROM product WHERE id = ?").param(id).update();
            outbox.productDeleted(id, current.version() + 1);
            return current.images();
        });
    }

    // ---- images -----------------------------------------------------------------------

    public List<ProductImage> images(String productId) {
        return jdbc.sql("SELECT id, product_id, position, is_primary, content_type, width, height, size_bytes, sha256, "
                        + "file_name, original_key, small_key, medium_key FROM product_image WHERE product_id = ? "
                        + "ORDER BY position, created_at, id")
                .param(productId).query(IMAGE).list();
    }

    /** Adds image rows after the existing ones; the first image of a product becomes primary. */
    public Product addImages(String productId, List<ProductImage> added) {
        return inTransaction(() -> {
            Product current = requireProductForUpdate(productId);
            int position = current.images().stream().mapToInt(ProductImage::position).max().orElse(-1) + 1;
            boolean hasPrimary = current.primaryImage().isPresent();
            for (ProductImage image : added) {
                jdbc.sql("INSERT INTO product_image (id, product_id, position, is_primary, content_type, width, height, "
                                + "size_bytes, sha256, file_name, original_key, small_key, medium_key) "
                                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(image.id(), productId, position++, !hasPrimary, image.contentType(), image.width(),
                                image.height(), image.sizeBytes(), image.sha256(), image.fileName(), image.originalKey(),
                                image.smallKey(), image.mediumKey())
                        .update();
                hasPrimary = true;
            }
            bump(productId);
            return changed(productId);
        });
    }

    /** Makes one image primary and/or moves it to a position (others shift). */
    public Product arrangeImage(String productId, String imageId, Boolean primary, Integer position) {
        return inTransaction(() -> {
            Product current = requireProductForUpdate(productId);
            List<ProductImage> images = new ArrayList<>(current.images());
            ProductImage image = images.stream().filter(i -> i.id().equals(imageId)).findFirst()
                    .orElseThrow(() -> new CatalogException(Kind.NOT_FOUND, "No image " + imageId + " of product " + productId));
            if (position != null) {
                images.remove(image);
                images.add(Math.max(0, Math.min(position, images.size())), image);
                for (int i = 0; i < images.size(); i++) {
                    jdbc.sql("UPDATE product_image SET position = ? WHERE id = ?").params(i, images.get(i).id()).update();
                }
            }
            if (Boolean.TRUE.equals(primary)) {
                jdbc.sql("UPDATE product_image SET is_primary = (id = ?) WHERE product_id = ?").params(imageId, productId).update();
            }
            bump(productId);
            return changed(productId);
        });
    }

    /** Removes an image row (the next image becomes primary if it was); returns the removed row. */
    public ProductImage removeImage(String productId, String imageId) {
        return inTransaction(() -> {
            Product current = requireProductForUpdate(productId);
            ProductImage image = current.images().stream().filter(i -> i.id().equals(imageId)).findFirst()
                    .orElseThrow(() -> new CatalogException(Kind.NOT_FOUND, "No image " + imageId + " of product " + productId));
            jdbc.sql("DELETE FROM product_image WHERE id = ?").param(imageId).update();
            if (image.primary()) {
                jdbc.sql("UPDATE product_image SET is_primary = true WHERE id = (SELECT id FROM product_image "
                        + "WHERE product_id = ? ORDER BY position, created_at, id LIMIT 1)").param(productId).update();
            }
            bump(productId);
            changed(productId);
            return image;
        });
    }

    // ---- helpers ----------------------------------------------------------------------

    private Product requireProductForUpdate(String id) {
        // Row lock: concurrent changes of one product are serialised, versions never skip or repeat.
        jdbc.sql("SELECT id FROM product WHERE id = ? FOR UPDATE").param(id).query(String.class).optional()
                .orElseThrow(() -> new CatalogException(Kind.NOT_FOUND, "No product " + id, Map.of("productId", id)));
        return product(id).orElseThrow();
    }

    private void bump(String productId) {
        jdbc.sql("UPDATE product SET version = version + 1, updated_at = now() WHERE id = ?").param(productId).update();
    }

    private Product changed(String productId) {
        Product product = product(productId).orElseThrow();
        outbox.productChanged(product);
        return product;
    }

    private static void checkVersion(long current, Long expected, String what) {
        if (expected != null && expected != current) {
            throw new CatalogException(Kind.VERSION_MISMATCH, what + " is at version " + current + ", not " + expected,
                    Map.of("currentVersion", current));
        }
    }

    private Map<String, List<ProductImage>> primaryImages(List<String> productIds) {
        if (productIds.isEmpty()) {
            return Map.of();
        }
        Map<String, List<ProductImage>> result = new LinkedHashMap<>();
        jdbc.sql("SELECT id, product_id, position, is_primary, content_type, width, height, size_bytes, sha256, "
                        + "file_name, original_key, small_key, medium_key FROM product_image "
                        + "WHERE is_primary AND product_id IN (:ids)")
                .param("ids", productIds).query(IMAGE).list()
                .forEach(i -> result.put(i.productId(), List.of(i)));
        return result;
    }

    private static Product withImages(Product p, List<ProductImage> images) {
        return new Product(p.id(), p.sku(), p.slug(), p.name(), p.description(), p.price(), p.category(),
                p.attributes(), p.active(), p.version(), p.createdAt(), p.updatedAt(), List.copyOf(images));
    }

    private Product product(ResultSet rs, int row) throws SQLException {
        Category category = new Category(rs.getString("c_id"), rs.getString("c_slug"), rs.getString("c_name"),
                rs.getString("c_parent"), rs.getLong("c_version"));
        Map<String, Object> attributes = json.readValue(rs.getString(8), new TypeReference<Map<String, Object>>() { });
        return new Product(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                new Money(rs.getBigDecimal(6), rs.getString(7).strip()), category, attributes, rs.getBoolean(9),
                rs.getLong(10), rs.getTimestamp(11).toInstant(), rs.getTimestamp(12).toInstant(), List.of());
    }

    private static Category category(ResultSet rs, int row) throws SQLException {
        return new Category(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5));
    }

    private static ProductImage image(ResultSet rs, int row) throws SQLException {
        return new ProductImage(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4), rs.getString(5),
                rs.getInt(6), rs.getInt(7), rs.getLong(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getString(12), rs.getString(13));
    }
}
