package dev.baas.core.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Asks Debian's ffprobe, a player independent of the encoder's own library, what a file holds. */
final class Probe {
    private Probe() {}

    /** The streams' codec names, comma-separated in stream order, e.g. {@code h264,aac}. */
    static String codecs(Path file) throws IOException {
        Process p = new ProcessBuilder("ffprobe", "-v", "error", "-show_entries", "stream=codec_name",
                "-of", "csv=p=0", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (p.waitFor() != 0) throw new IOException("ffprobe failed on " + file + ": " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return String.join(",", out.lines().map(String::strip).toList());
    }
}
