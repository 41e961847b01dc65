package com.eventshop.catalog.media;

import com.eventshop.catalog.domain.SignedUrls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Media on the local filesystem under {@code <root>/public} and {@code <root>/private}. Objects
 * are written to a temporary file and moved into place, so a reader never sees half an object.
 * Content types come from the key's extension.
 */
public final class LocalMediaStorage implements MediaStorage {

    private final Path root;
    private final SignedUrls signer;
    private final Clock clock;
    private final String privateUrlPrefix;

    /**
     * @param privateUrlPrefix where this service answers signed links, e.g. {@code /media-private}
     */
    public LocalMediaStorage(Path root, SignedUrls signer, Clock clock, String privateUrlPrefix) {
        this.root = root.toAbsolutePath().normalize();
        this.signer = signer;
        this.clock = clock;
        this.privateUrlPrefix = privateUrlPrefix;
    }

    @Override
    public void put(String key, byte[] content, String contentType, Visibility visibility) {
        Path target = path(key, visibility);
        try {
            Files.createDirectories(target.getParent());
            if (Files.exists(target)) {
                throw new ObjectExistsException(key);
            }
            Path temp = Files.createTempFile(target.getParent(), ".upload-", ".tmp");
            try {
                Files.write(temp, content, StandardOpenOption.TRUNCATE_EXISTING);
                // ATOMIC_MOVE without REPLACE_EXISTING: never overwrites an existing object.
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                throw new ObjectExistsException(key);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + key, e);
        }
    }

    @Override
    public Optional<StoredObject> get(String key, Visibility visibility) {
        try {
            return Optional.of(new StoredObject(Files.readAllBytes(path(key, visibility)), contentTypeOf(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + key, e);
        }
    }

    @Override
    public void delete(String key, Visibility visibility) {
        try {
            Files.deleteIfExists(path(key, visibility));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + key, e);
        }
    }

    @Override
    public URI signedUrl(String key, Duration ttl) {
        SignedUrls.Signature signature = signer.sign(MediaKeys.require(key), clock.instant().plus(ttl));
        return URI.create(privateUrlPrefix + "/" + key + "?expires=" + signature.expiresEpochSecond()
                + "&signature=" + URLEncoder.encode(signature.signature(), StandardCharsets.US_ASCII));
    }

    public SignedUrls signer() {
        return signer;
    }

    public Path root() {
        return root;
    }

    private Path path(String key, Visibility visibility) {
        MediaKeys.require(key);
        Path path = root.resolve(visibility == Visibility.PUBLIC ? "public" : "private").resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("not a media key: " + key);
        }
        return path;
    }

    static String contentTypeOf(String key) {
        String lower = key.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (lower.endsWith(".png")) {
            return "image/png";
        }
        if (lower.endsWith(".webp")) {
            return "image/webp";
        }
        if (lower.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (lower.endsWith(".txt")) {
            return "text/plain";
        }
        return "application/octet-stream";
    }
}
