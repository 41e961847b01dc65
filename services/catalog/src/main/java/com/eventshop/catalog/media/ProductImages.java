package com.eventshop.catalog.media;

import com.eventshop.catalog.domain.CatalogException;
import com.eventshop.catalog.domain.ImageCheck;
import com.eventshop.catalog.domain.ImageFormat;
import com.eventshop.catalog.domain.Product;
import com.eventshop.catalog.domain.ProductImage;
import com.eventshop.catalog.domain.Thumbnails;
import com.eventshop.catalog.media.MediaStorage.Visibility;
import com.eventshop.catalog.store.CatalogStore;
import java.awt.image.BufferedImage;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Product images: every file is checked by its bytes, stored with its thumbnails under keys
 * that contain a fresh random id ({@code products/<productId>/<imageId>/original.jpg}, ...), so
 * an upload never overwrites anything, then recorded on the product (one new product version).
 * The whole request is refused if any file is refused, and nothing is stored then.
 */
public final class ProductImages {

    private static final Logger log = LoggerFactory.getLogger(ProductImages.class);

    private final CatalogStore store;
    private final MediaStorage storage;
    private final ImageCheck check;
    private final int smallSize;
    private final int mediumSize;

    public ProductImages(CatalogStore store, MediaStorage storage, ImageCheck check, int smallSize, int mediumSize) {
        this.store = store;
        this.storage = storage;
        this.check = check;
        this.smallSize = smallSize;
        this.mediumSize = mediumSize;
    }

    /** One uploaded file. */
    public record Upload(String fileName, byte[] content) {
    }

    /** A file that was refused, and why (the API maps it to 413, 415 or 422). */
    public static final class RefusedUpload extends RuntimeException {
        private final String fileName;
        private final ImageCheck.Result result;

        RefusedUpload(String fileName, ImageCheck.Result result, String message) {
            super(message);
            this.fileName = fileName;
            this.result = result;
        }

        public String fileName() {
            return fileName;
        }

        public ImageCheck.Result result() {
            return result;
        }
    }

    public Product add(String productId, List<Upload> uploads) {
        if (store.product(productId).isEmpty()) {
            throw new CatalogException(CatalogException.Kind.NOT_FOUND, "No product " + productId,
                    java.util.Map.of("productId", productId));
        }
        List<ImageCheck.Result.Accepted> accepted = new ArrayList<>();
        for (Upload upload : uploads) {
            ImageCheck.Result result = check.check(upload.content());
            if (result instanceof ImageCheck.Result.Accepted ok) {
                accepted.add(ok);
            } else {
                throw new RefusedUpload(upload.fileName(), result, describe(upload.fileName(), result));
            }
        }
        List<ProductImage> stored = new ArrayList<>();
        List<String> written = new ArrayList<>();
        try {
            for (int i = 0; i < uploads.size(); i++) {
                stored.add(store(productId, uploads.get(i), accepted.get(i), written));
            }
            return store.addImages(productId, stored);
        } catch (RuntimeException e) {
            // Nothing recorded: remove what was written so no orphan objects stay behind.
            written.forEach(key -> deleteQuietly(key));
            throw e;
        }
    }

    public Product remove(String productId, String imageId) {
        ProductImage removed = store.removeImage(productId, imageId);
        deleteObjects(removed);
        return store.product(productId).orElseThrow();
    }

    /** Removes the objects of images whose rows are gone (after a product delete). */
    public void deleteObjects(ProductImage image) {
        for (String key : new String[] {image.originalKey(), image.smallKey(), image.mediumKey()}) {
            if (key != null) {
                deleteQuietly(key);
            }
        }
    }

    private ProductImage store(String productId, Upload upload, ImageCheck.Result.Accepted image, List<String> written) {
        String imageId = UUID.randomUUID().toString();
        String prefix = "products/" + productId + "/" + imageId + "/";
        ImageFormat format = image.format();
        String originalKey = prefix + "original." + format.extension();
        storage.put(originalKey, upload.content(), format.contentType(), Visibility.PUBLIC);
        written.add(originalKey);
        String smallKey = null;
        String mediumKey = null;
        BufferedImage decoded = Thumbnails.decode(upload.content());
        smallKey = prefix + "small.jpg";
        storage.put(smallKey, Thumbnails.jpegWithin(decoded, smallSize), "image/jpeg", Visibility.PUBLIC);
        written.add(smallKey);
        mediumKey = prefix + "medium.jpg";
        storage.put(mediumKey, Thumbnails.jpegWithin(decoded, mediumSize), "image/jpeg", Visibility.PUBLIC);
        written.add(mediumKey);
        return new ProductImage(imageId, productId, 0, false, format.contentType(), image.width(), image.height(),
                upload.content().length, sha256(upload.content()), upload.fileName(), originalKey, smallKey, mediumKey);
    }

    private void deleteQuietly(String key) {
        try {
            storage.delete(key, Visibility.PUBLIC);
        } catch (RuntimeException e) {
            log.warn("Could not delete media object {}: {}", key, e.toString());
        }
    }

    private static String describe(String fileName, ImageCheck.Result result) {
        String name = fileName == null ? "the file" : "'" + fileName + "'";
        if (result instanceof ImageCheck.Result.TooLarge t) {
            return name + " has " + t.size() + " bytes; the limit is " + t.maxBytes();
        }
        if (result instanceof ImageCheck.Result.UnsupportedContent) {
            return name + " is not a JPEG, PNG or WebP image (judged by its content)";
        }
        if (result instanceof ImageCheck.Result.TooManyPixels p) {
            return name + " is " + p.width() + "x" + p.height() + " pixels; the limit is " + p.maxPixels() + " pixels";
        }
        return name + " cannot be read: " + ((ImageCheck.Result.Unreadable) result).why();
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
