package dev.baas.spi;

/** One frame of the meeting view, encoded as {@code format} (e.g. "jpeg"), on the recording clock. */
public record VideoFrame(long timestampMicros, int width, int height, String format, byte[] data) {}
