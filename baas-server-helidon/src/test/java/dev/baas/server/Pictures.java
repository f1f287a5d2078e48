package dev.baas.server;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.*;

/** Checks on downloaded screenshots and audio tracks: decoded, not merely non-empty. */
final class Pictures {
    private Pictures() {}

    /** Decodes a PNG screenshot of a meeting page and checks it is a real picture of something, not a blank page. */
    static BufferedImage meetingScreenshot(byte[] png) throws IOException {
        assertTrue(png.length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertNotNull(image, "the PNG decodes");
        assertTrue(image.getWidth() >= 320 && image.getHeight() >= 240, image.getWidth() + "x" + image.getHeight());
        double sum = 0, squares = 0;
        int n = 0;
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                double luma = 0.299 * (rgb >> 16) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
                sum += luma;
                squares += luma * luma;
                n++;
            }
        }
        double spread = Math.sqrt(squares / n - (sum / n) * (sum / n));
        assertTrue(spread > 5, "the page shows something (luma spread " + spread + ")");
        assertTrue(colours.size() > 8, "more than a few flat colours: " + colours.size());
        return image;
    }

    /** RMS of the 16-bit PCM samples of a WAV file (its data chunk). */
    static double wavRms(byte[] wav) {
        assertEquals("RIFF", new String(wav, 0, 4, java.nio.charset.StandardCharsets.US_ASCII), "a WAV file");
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        int at = 12;
        while (at + 8 <= wav.length) {
            String id = new String(wav, at, 4, java.nio.charset.StandardCharsets.US_ASCII);
            int size = b.getInt(at + 4);
            if (id.equals("data")) {
                int end = Math.min(wav.length, at + 8 + size);
                double s = 0;
                int count = 0;
                for (int i = at + 8; i + 1 < end; i += 2) {
                    double v = b.getShort(i);
                    s += v * v;
                    count++;
                }
                return count == 0 ? 0 : Math.sqrt(s / count);
            }
            at += 8 + size + (size & 1);
        }
        throw new AssertionError("no data chunk in the WAV file");
    }
}
