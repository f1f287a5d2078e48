package dev.baas.spi;

import java.util.Optional;

/** v1's {@code streaming}: WebSocket URLs for meeting audio out and bot speech in, and the sample rate. */
public record Streaming(Optional<String> output, Optional<String> input, int audioFrequency) {
    public static final int DEFAULT_FREQUENCY = 16_000;

    public Streaming {
        output = output == null ? Optional.empty() : output;
        input = input == null ? Optional.empty() : input;
        if (audioFrequency == 0) audioFrequency = DEFAULT_FREQUENCY;
    }
}
