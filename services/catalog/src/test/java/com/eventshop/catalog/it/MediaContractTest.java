package com.eventshop.catalog.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.eventshop.catalog.media.MediaStorage;
import com.eventshop.catalog.media.MediaStorage.Visibility;
import java.awt.Color;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Image upload and private links, run against each storage backend (subclasses): the local
 * filesystem and a real S3-protocol server.
 */
abstract class MediaContractTest {

    static final long MAX_BYTES = 300_000;
    static final long MAX_PIXELS = 1_000_000;
    static CatalogInstance catalog;

    static void startCatalog(Path temp, Map<String, String> storage) {
        Map<String, String> props = new HashMap<>(storage);
        props.put("eventshop.catalog.images.max-bytes", Long.toString(MAX_BYTES));
        props.put("eventshop.catalog.images.max-pixels", Long.toString(MAX_PIXELS));
        catalog = CatalogInstance.start(CatalogTestInfra.freshDatabase(), temp.resolve("media"), props);
        Http.post(catalog.url("/api/catalog/categories"), "{\"slug\":\"prints\",\"name\":\"Prints\"}");
    }

    @AfterAll
    static void stopCatalog() {
        if (catalog != null) {
            catalog.close();
            catalog = null;
        }
    }

    /** A signed link to a private object, made absolute when it is relative (local backend). */
    abstract URI absolute(URI signed);

    private static String createProduct(String id) {
        Http.Response created = Http.post(catalog.url("/api/catalog/products"), "{\"id\":\"" + id + "\",\"sku\":\"SKU-" + id
                + "\",\"name\":\"Print " + id + "\",\"price\":{\"amount\":\"5.00\",\"currency\":\"EUR\"},\"category\":\"prints\"}");
        assertThat(created.status()).isEqualTo(201);
        return id;
    }

    private static String upload(String productId) {
        return catalog.url("/api/catalog/products/" + productId + "/images");
    }

    @Test
    void imagesAreStoredWithThumbnailsAndTheSameNameTwiceKeepsBoth() throws Exception {
        String id = createProduct("img-1");
        byte[] red = Images.image(800, 400, "png", Color.RED);
        byte[] blue = Images.image(300, 300, "jpg", Color.BLUE);
        Http.Response first = Http.upload(upload(id), List.of(new Http.FilePart("photo.jpg", "image/jpeg", red),
                new Http.FilePart("other.jpg", "image/jpeg", blue)));
        assertThat(first.status()).isEqualTo(201);
        Http.Response second = Http.upload(upload(id), List.of(new Http.FilePart("photo.jpg", "image/jpeg", red)));
        assertThat(second.status()).isEqualTo(201);

        JsonNode images = second.json().get("images");
        assertThat(images).hasSize(3);
        assertThat(images.get(0).get("primary").asBoolean()).isTrue();
        assertThat(images.get(0).get("contentType").asString()).isEqualTo("image/png"); // judged by content, not name
        assertThat(images.get(1).get("contentType").asString()).isEqualTo("image/jpeg");
        assertThat(images.get(0).get("urls").get("original").asString())
                .isNotEqualTo(images.get(2).get("urls").get("original").asString());
        for (JsonNode image : images) {
            for (String size : List.of("original", "small", "medium")) {
                Http.Response object = Http.get(catalog.url(image.get("urls").get(size).asString()));
                assertThat(object.status()).as(size).isEqualTo(200);
            }
        }
        // Both uploads of photo.jpg are there, byte for byte.
        assertThat(Http.get(catalog.url(images.get(0).get("urls").get("original").asString())).body()).isEqualTo(red);
        assertThat(Http.get(catalog.url(images.get(2).get("urls").get("original").asString())).body()).isEqualTo(red);
        // Thumbnails are scaled down: small fits in 160 px.
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(Http.get(catalog.url(
                images.get(0).get("urls").get("small").asString())).body())).getWidth()).isEqualTo(160);

        // The product's list entry shows the primary image; making another primary and deleting work.
        String secondId = images.get(1).get("id").asString();
        Http.Response arranged = Http.send("PATCH", catalog.url("/api/catalog/products/" + id + "/images/" + secondId),
                "{\"primary\":true,\"position\":0}");
        assertThat(arranged.status()).isEqualTo(200);
        assertThat(arranged.json().get("images").get(0).get("id").asString()).isEqualTo(secondId);
        assertThat(arranged.json().get("images").get(0).get("primary").asBoolean()).isTrue();

        String gone = images.get(2).get("urls").get("original").asString();
        Http.Response removed = Http.delete(catalog.url("/api/catalog/products/" + id + "/images/" + images.get(2).get("id").asString()));
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("images")).hasSize(2);
        assertThat(Http.get(catalog.url(gone)).status()).isEqualTo(404);

        // Deleting the product removes its objects.
        String kept = images.get(0).get("urls").get("medium").asString();
        assertThat(Http.delete(catalog.url("/api/catalog/products/" + id)).status()).isEqualTo(204);
        assertThat(Http.get(catalog.url(kept)).status()).isEqualTo(404);
    }

    @Test
    void anExecutableRenamedJpgIs415AnOversizeFile413AndTooManyPixels422() {
        String id = createProduct("img-2");
        Http.Response exe = Http.upload(upload(id), List.of(new Http.FilePart("cat.jpg", "image/jpeg", Images.executable())));
        assertThat(exe.status()).isEqualTo(415);
        assertThat(exe.contentType()).startsWith("application/problem+json");
        assertThat(exe.json().get("fileName").asString()).isEqualTo("cat.jpg");

        byte[] big = new byte[(int) MAX_BYTES + 1];
        System.arraycopy(Images.image(10, 10, "png", Color.GREEN), 0, big, 0, 8);
        assertThat(Http.upload(upload(id), List.of(new Http.FilePart("big.png", "image/png", big))).status()).isEqualTo(413);

        byte[] huge = Images.image(2000, 1000, "png", Color.WHITE); // 2 MP, small file
        assertThat(huge.length).isLessThan((int) MAX_BYTES);
        Http.Response pixels = Http.upload(upload(id), List.of(new Http.FilePart("huge.png", "image/png", huge)));
        assertThat(pixels.status()).isEqualTo(422);

        // A refused file in a batch refuses the batch: nothing stored.
        Http.Response mixed = Http.upload(upload(id), List.of(
                new Http.FilePart("ok.png", "image/png", Images.image(50, 50, "png", Color.BLACK)),
                new Http.FilePart("bad.jpg", "image/jpeg", Images.executable())));
        assertThat(mixed.status()).isEqualTo(415);
        assertThat(Http.get(catalog.url("/api/catalog/products/" + id)).json().get("images")).isEmpty();
    }

    @Test
    void aPrivateObjectIsReadableThroughItsSignedUrlOnlyUntilItExpiresAndUntampered() {
        MediaStorage storage = catalog.bean(MediaStorage.class);
        byte[] invoice = "Invoice 42: 12.99 EUR".getBytes(StandardCharsets.UTF_8);
        storage.put("invoices/2026/invoice-42.txt", invoice, "text/plain", Visibility.PRIVATE);

        URI signed = absolute(storage.signedUrl("invoices/2026/invoice-42.txt", Duration.ofMinutes(5)));
        assertThat(Http.get(signed.toString()).body()).isEqualTo(invoice);
        assertThat(Http.get(signed.toString()).status()).isEqualTo(200);

        // Not reachable by a plain URL.
        assertThat(Http.get(catalog.url("/media/invoices/2026/invoice-42.txt")).status()).isEqualTo(404);

        // A tampered signature, and a link for another key with this signature.
        String url = signed.toString();
        int at = url.indexOf("ignature=") + "ignature=".length();
        char c = url.charAt(at);
        String tampered = url.substring(0, at) + (c == 'A' ? 'B' : 'A') + url.substring(at + 1);
        assertThat(Http.get(tampered).status()).isEqualTo(403);
        assertThat(Http.get(url.replace("invoice-42", "invoice-43")).status()).isIn(403, 404);

        // Expired.
        URI expired = absolute(storage.signedUrl("invoices/2026/invoice-42.txt", expiredTtl()));
        waitOutExpiry();
        assertThat(Http.get(expired.toString()).status()).isEqualTo(403);
    }

    /** A link that is expired when used. */
    abstract Duration expiredTtl();

    abstract void waitOutExpiry();
}
