package dev.baas.core.media;

import dev.baas.spi.VideoFrame;

import java.awt.image.BufferedImage;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * One picture source (a participant's camera or the whole meeting view): the frames waiting for their time and the
 * one showing now. Frames are decoded only when shown, so superseded or hidden frames cost nothing.
 */
final class Tile {
    private record Timed(long atMicros, VideoFrame frame) {}

    private static final int MAX_WAITING = 64;
    private final ArrayDeque<Timed> waiting = new ArrayDeque<>();
    private VideoFrame showing;
    private BufferedImage decoded;
    private boolean decodeFailed;
    private long badFrames;
    private long version;

    void add(long atMicros, VideoFrame frame) {
        // frames of one source come in order; one that comes late replaces what is waiting after it
        while (!waiting.isEmpty() && waiting.peekLast().atMicros() > atMicros) waiting.pollLast();
        // a source whose clock runs far ahead must not fill memory: its older pictures would be replaced anyway
        if (waiting.size() >= MAX_WAITING) waiting.pollFirst();
        waiting.addLast(new Timed(atMicros, frame));
    }

    /** Moves to the newest frame due by {@code atMicros}; true if the picture changed. */
    boolean advance(long atMicros) {
        VideoFrame next = null;
        while (!waiting.isEmpty() && waiting.peekFirst().atMicros() <= atMicros) next = waiting.pollFirst().frame();
        if (next == null) return false;
        showing = next;
        decoded = null;
        decodeFailed = false;
        version++;
        return true;
    }

    boolean hasPicture() { return showing != null; }

    /** The picture showing now, decoded once. */
    Optional<BufferedImage> image(Images images) {
        if (decoded == null && showing != null && !decodeFailed) {
            Optional<BufferedImage> img = images.decode(showing);
            if (img.isEmpty()) {
                decodeFailed = true;
                badFrames++;
            }
            decoded = img.orElse(null);
        }
        return Optional.ofNullable(decoded);
    }

    long badFrames() { return badFrames; }

    /** Changes whenever the picture does, so a layout can tell whether to paint again. */
    long version() { return version; }
}
