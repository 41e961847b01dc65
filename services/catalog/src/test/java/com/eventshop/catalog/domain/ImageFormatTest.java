package com.eventshop.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageFormatTest {

    /** A 1x1 lossless WebP. */
    static final byte[] WEBP = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    static byte[] encoded(String format, int width, int height) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format, out);
        return out.toByteArray();
    }

    @Test
    void formatsAreRecognisedByTheirBytes() throws Exception {
        assertThat(ImageFormat.sniff(encoded("jpg", 4, 4))).contains(ImageFormat.JPEG);
        assertThat(ImageFormat.sniff(encoded("png", 4, 4))).contains(ImageFormat.PNG);
        assertThat(ImageFormat.sniff(WEBP)).contains(ImageFormat.WEBP);
    }

    @Test
    void anythingElseIsNotAnImage() throws Exception {
        assertThat(ImageFormat.sniff(new byte[] {0x7F, 'E', 'L', 'F', 2, 1})).isEmpty();
        assertThat(ImageFormat.sniff("MZ this is a program".getBytes())).isEmpty();
        assertThat(ImageFormat.sniff("GIF89a".getBytes())).isEmpty();
        assertThat(ImageFormat.sniff("RIFF\0\0\0\0WAVE".getBytes())).isEmpty();
        assertThat(ImageFormat.sniff(new byte[0])).isEmpty();
        assertThat(ImageFormat.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEmpty();
        assertThat(ImageFormat.sniff(null)).isEmpty();
    }

    @Test
    void theCheckGoesSizeThenContentThenPixels() throws Exception {
        ImageCheck check = new ImageCheck(10_000, 10_000);
        assertThat(check.check(new byte[10_001])).isInstanceOf(ImageCheck.Result.TooLarge.class);
        assertThat(check.check(new byte[100])).isInstanceOf(ImageCheck.Result.UnsupportedContent.class);
        assertThat(check.check(encoded("png", 200, 100))).isInstanceOf(ImageCheck.Result.TooManyPixels.class);
        assertThat(check.check(encoded("png", 100, 100)))
                .isEqualTo(new ImageCheck.Result.Accepted(ImageFormat.PNG, 100, 100));
        assertThat(check.check(WEBP)).isEqualTo(new ImageCheck.Result.Accepted(ImageFormat.WEBP, 1, 1));
        byte[] truncated = java.util.Arrays.copyOf(encoded("png", 10, 10), 12);
        assertThat(check.check(truncated)).isInstanceOf(ImageCheck.Result.Unreadable.class);
    }

    @Test
    void thumbnailsFitTheirBoxAndAreNeverEnlarged() throws Exception {
        BufferedImage wide = Thumbnails.decode(encoded("png", 800, 400));
        BufferedImage small = ImageIO.read(new java.io.ByteArrayInputStream(Thumbnails.jpegWithin(wide, 160)));
        assertThat(small.getWidth()).isEqualTo(160);
        assertThat(small.getHeight()).isEqualTo(80);
        BufferedImage tiny = ImageIO.read(new java.io.ByteArrayInputStream(
                Thumbnails.jpegWithin(Thumbnails.decode(encoded("png", 50, 20)), 160)));
        assertThat(tiny.getWidth()).isEqualTo(50);
        BufferedImage fromWebp = Thumbnails.decode(WEBP);
        assertThat(fromWebp.getWidth()).isEqualTo(1);
    }
}
