package dev.baas.browser;

/** Meeting-view video as JPEG frames of at most {@code width}x{@code height}, at most {@code fps} per second. */
public record VideoCapture(int width, int height, int fps) {
    public VideoCapture {
        if (width < 16 || height < 16) throw new IllegalArgumentException("video size must be at least 16x16");
        if (fps < 1 || fps > 30) throw new IllegalArgumentException("fps must be between 1 and 30");
    }

    public static VideoCapture hd() { return new VideoCapture(1280, 720, 10); }
}
