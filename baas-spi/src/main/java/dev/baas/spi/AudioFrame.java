package dev.baas.spi;

/**
 * A run of mono signed 16-bit PCM. {@code source} is {@link #MIX} for the meeting's mixed audio, else the
 * participant or track it came from. {@code timestampMicros} is on the bot's recording clock (microseconds since
 * the session's media epoch), so audio, video, speakers and chat line up.
 */
public record AudioFrame(String source, long timestampMicros, int sampleRate, short[] samples) {
    public static final String MIX = "mix";

    public boolean isMix() { return MIX.equals(source); }

    public long durationMicros() { return samples.length * 1_000_000L / sampleRate; }
}
