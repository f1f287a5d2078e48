package dev.baas.browser;

import java.util.Optional;

/** Reads a JPEG's pixel size from its start-of-frame marker. */
final class Jpeg {
    private Jpeg() {}

    static Optional<int[]> size(byte[] b) {
        if (b.length < 4 || (b[0] & 0xff) != 0xFF || (b[1] & 0xff) != 0xD8) return Optional.empty();
        int i = 2;
        while (i + 9 < b.length) {
            if ((b[i] & 0xff) != 0xFF) return Optional.empty();
            int marker = b[i + 1] & 0xff;
            int len = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                int h = ((b[i + 5] & 0xff) << 8) | (b[i + 6] & 0xff);
                int w = ((b[i + 7] & 0xff) << 8) | (b[i + 8] & 0xff);
                return Optional.of(new int[]{w, h});
            }
            i += 2 + len;
        }
        return Optional.empty();
    }
}
