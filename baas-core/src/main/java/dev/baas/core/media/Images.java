package dev.baas.core.media;

import dev.baas.spi.VideoFrame;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;

/**
 * Turns captured frames into pictures; a frame that cannot be read is reported empty, not thrown. JPEG goes
 * through FFmpeg, anything else ImageIO reads through ImageIO. Used by one thread.
 */
final class Images implements AutoCloseable {
    private JpegDecoder jpeg;

    Optional<BufferedImage> decode(VideoFrame f) {
        return switch (f.format()) {
            case "bgr24" -> bgr(f);
            case "jpeg" -> jpeg(f).or(() -> compressed(f));
            case "png" -> compressed(f);
            default -> Optional.empty();
        };
    }

    private Optional<BufferedImage> jpeg(VideoFrame f) {
        if (jpeg == null) jpeg = new JpegDecoder();
        return jpeg.decode(f.data());
    }

    @Override
    public void close() {
        if (jpeg != null) jpeg.close();
        jpeg = null;
    }

    private static Optional<BufferedImage> bgr(VideoFrame f) {
        if (f.width() <= 0 || f.height() <= 0 || f.data().length < f.width() * f.height() * 3) return Optional.empty();
        BufferedImage img = new BufferedImage(f.width(), f.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] dst = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        System.arraycopy(f.data(), 0, dst, 0, dst.length);
        return Optional.of(img);
    }

    private static Optional<BufferedImage> compressed(VideoFrame f) {
        try {
            return Optional.ofNullable(ImageIO.read(new ByteArrayInputStream(f.data())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
