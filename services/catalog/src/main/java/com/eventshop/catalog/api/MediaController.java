package com.eventshop.catalog.api;

import com.eventshop.catalog.domain.SignedUrls;
import com.eventshop.catalog.media.LocalMediaStorage;
import com.eventshop.catalog.media.MediaKeys;
import com.eventshop.catalog.media.MediaStorage;
import com.eventshop.catalog.media.MediaStorage.Visibility;
import com.eventshop.platform.web.ProblemException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves media. {@code GET /media/<key>}: public objects (product images) by plain URL, on any
 * storage backend; objects never change, so they are cached for a year. {@code GET
 * /media-private/<key>?expires=&signature=}: private objects of the local backend through an
 * HMAC-signed link (S3 serves its own presigned links).
 */
@RestController
public class MediaController {

    static final String PUBLIC_PREFIX = "/media/";
    static final String PRIVATE_PREFIX = "/media-private/";

    private final MediaStorage storage;

    public MediaController(MediaStorage storage) {
        this.storage = storage;
    }

    @Operation(summary = "A public media object (a product image) by its key")
    @GetMapping("/media/**")
    public ResponseEntity<byte[]> publicObject(HttpServletRequest request) {
        String key = key(request, PUBLIC_PREFIX);
        return storage.get(key, Visibility.PUBLIC)
                .map(o -> ResponseEntity.ok().contentType(MediaType.parseMediaType(o.contentType()))
                        .cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                        .body(o.content()))
                .orElseThrow(() -> ProblemException.notFound("No media " + key));
    }

    @Operation(summary = "A private media object by a signed, expiring URL")
    @GetMapping("/media-private/**")
    public ResponseEntity<byte[]> privateObject(HttpServletRequest request, @RequestParam long expires,
                                                @RequestParam String signature) {
        if (!(storage instanceof LocalMediaStorage local)) {
            throw ProblemException.notFound("Private media is served by the object store's presigned links");
        }
        String key = key(request, PRIVATE_PREFIX);
        SignedUrls.Verdict verdict = local.signer().verify(key, expires, signature);
        if (verdict != SignedUrls.Verdict.VALID) {
            throw new ProblemException(HttpStatus.FORBIDDEN, verdict == SignedUrls.Verdict.EXPIRED
                    ? "This link has expired" : "This link is not valid").with("reason", verdict.name());
        }
        return storage.get(key, Visibility.PRIVATE)
                .map(o -> ResponseEntity.ok().contentType(MediaType.parseMediaType(o.contentType()))
                        .cacheControl(CacheControl.noStore()).body(o.content()))
                .orElseThrow(() -> ProblemException.notFound("No media " + key));
    }

    private static String key(HttpServletRequest request, String prefix) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String key = path.startsWith(prefix) ? path.substring(prefix.length()) : "";
        if (!MediaKeys.isValid(key)) {
            throw ProblemException.notFound("No media " + key);
        }
        return key;
    }
}
