package dev.baas.spi;

import java.util.Optional;

/**
 * One bot in one meeting. {@link #join()} starts joining and returns; progress arrives as {@link MeetingEvent}s
 * through the {@link SessionContext}. {@link #close()} releases everything and never throws.
 */
public interface MeetingSession extends AutoCloseable {
    void join();

    /** Writes in the meeting's chat. Requires {@link Capability#CHAT_SEND}. */
    void sendChat(String text);

    /** Plays mono 16-bit PCM into the meeting as the bot's microphone. Requires {@link Capability#SPEECH_OUTPUT}. */
    void speak(short[] pcm, int sampleRate);

    /** Leaves the call the way a person would (the platform's Leave button). */
    void leave();

    /**
     * A picture of what the bot sees in the meeting now, as PNG bytes; empty when the platform cannot take one
     * (no page, or not yet). May block for as long as the picture takes; never called on the session's own threads.
     */
    default Optional<byte[]> screenshot() { return Optional.empty(); }

    @Override void close();
}
