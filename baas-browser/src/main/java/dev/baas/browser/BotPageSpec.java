package dev.baas.browser;

import dev.baas.spi.MediaSink;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One bot page: the name and picture its camera shows, whether remote audio is captured, extra scripts the
 * platform adapter needs before the page's own (its DOM observers), where captured media goes and who hears of
 * reports.
 */
public record BotPageSpec(String botName, Optional<String> botImage, boolean captureAudio, List<String> initScripts,
                          MediaSink sink, BotPageListener listener, boolean capturePlayback) {
    public BotPageSpec {
        Objects.requireNonNull(botName, "botName");
        botImage = botImage == null ? Optional.empty() : botImage;
        initScripts = List.copyOf(initScripts);
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(listener, "listener");
    }

    public BotPageSpec(String botName, Optional<String> botImage, boolean captureAudio, List<String> initScripts,
                       MediaSink sink, BotPageListener listener) {
        this(botName, botImage, captureAudio, initScripts, sink, listener, false);
    }

    /**
     * Also captures what the page itself plays through Web Audio, for web clients that decode media themselves
     * instead of playing remote WebRTC tracks.
     */
    public BotPageSpec withCapturePlayback(boolean capture) {
        return new BotPageSpec(botName, botImage, captureAudio, initScripts, sink, listener, capture);
    }

    public static BotPageSpec of(String botName, MediaSink sink, BotPageListener listener) {
        return new BotPageSpec(botName, Optional.empty(), true, List.of(), sink, listener);
    }

    public BotPageSpec withInitScript(String script) {
        List<String> scripts = new java.util.ArrayList<>(initScripts);
        scripts.add(script);
        return new BotPageSpec(botName, botImage, captureAudio, scripts, sink, listener, capturePlayback);
    }

    public BotPageSpec withBotImage(Optional<String> image) {
        return new BotPageSpec(botName, image, captureAudio, initScripts, sink, listener, capturePlayback);
    }

    public BotPageSpec withCaptureAudio(boolean capture) {
        return new BotPageSpec(botName, botImage, capture, initScripts, sink, listener, capturePlayback);
    }
}
