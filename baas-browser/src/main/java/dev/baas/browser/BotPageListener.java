package dev.baas.browser;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a bot page tells its owner. Called from the runtime's network threads, never from the browser thread;
 * implementations must not block long.
 */
public interface BotPageListener {
    /** Hears nothing: for pages whose owner learns about them otherwise. */
    BotPageListener IGNORE = new BotPageListener() {};

    /** A platform script in the page called {@code window.__baasMedia.report(kind, data)}. */
    default void report(String kind, JsonNode data, long atMicros) {}

    /** The page started playing utterance {@code utterance} (from {@link BotPage#speak}) into the meeting. */
    default void speechStarted(int utterance, long atMicros) {}

    /** The page can no longer be used (browser or page crashed, runtime closed). Called once. */
    default void failed(String reason) {}
}
