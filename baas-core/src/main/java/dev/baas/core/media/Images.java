package dev.baas.core.media;

import dev.baas.spi.VideoFrame;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Optional;

/** Turns captured frames into pictures; a frame that cannot be read is reported empty, not thrown. */
final class Images {
    private Images() {}

    static Optional<BufferedImage> decode(VideoFrame f) {
        return switch (f.format()) {
            case "bgr24" -> bgr(f);
            case "jpeg", "png" -> compressed(f);
            default -> Optional.empty();
        };
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
