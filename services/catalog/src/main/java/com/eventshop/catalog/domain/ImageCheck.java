package com.eventshop.catalog.domain;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decides whether an uploaded file is an image the catalog takes, in this order: size
 * (413), format by content (415), dimensions read from the header without decoding the pixels
 * (422 when over the pixel limit or unreadable).
 */
public final class ImageCheck {

    private final long maxBytes;
    private final long maxPixels;

    public ImageCheck(long maxBytes, long maxPixels) {
        this.maxBytes = maxBytes;
        this.maxPixels = maxPixels;
    }

    public sealed interface Result {
        record Accepted(ImageFormat format, int width, int height) implements Result {
        }

        record TooLarge(long size, long maxBytes) implements Result {
        }

        record UnsupportedContent() implements Result {
        }

        record TooManyPixels(int width, int height, long maxPixels) implements Result {
        }

        record Unreadable(String why) implements Result {
        }
    }

    public Result check(byte[] content) {
        if (content.length > maxBytes) {
            return new Result.TooLarge(content.length, maxBytes);
        }
        var format = ImageFormat.sniff(content);
        if (format.isEmpty()) {
            return new Result.UnsupportedContent();
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return new Result.Unreadable("no decoder for " + format.get().contentType());
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int width = reader.getWidth(0);
                int height = reader.getHeight(0);
                if ((long) width * height > maxPixels) {
                    return new Result.TooManyPixels(width, height, maxPixels);
                }
                return new Result.Accepted(format.get(), width, height);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return new Result.Unreadable("damaged " + format.get().contentType() + ": " + e.getMessage());
        }
    }
}
