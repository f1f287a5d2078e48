package dev.baas.spi;

/**
 * One video frame. {@code source} is {@link #VIEW} for the whole meeting view as the page shows it, else the
 * participant whose camera it is. {@code format} is "jpeg", "png" or "bgr24" (raw, width*height*3 bytes).
 * {@code timestampMicros} is on the same clock as {@link AudioFrame#timestampMicros()}.
 */
public record VideoFrame(String source, long timestampMicros, int width, int height, String format, byte[] data) {
    public static final String VIEW = "view";

    public boolean isView() { return VIEW.equals(source); }
}
