package dev.baas.bench;

import dev.baas.spi.AudioFrame;
import dev.baas.spi.Capability;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.MeetingPlatform;
import dev.baas.spi.MeetingRef;
import dev.baas.spi.MeetingSession;
import dev.baas.spi.SessionContext;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A meeting platform without a browser, for measuring the server itself: it recognises
 * {@code https://bench.invalid/<id>} and plays one scripted meeting per bot.
 */
final class BenchPlatform implements MeetingPlatform {
    static final String PREFIX = "https://bench.invalid/";

    /** What every meeting of the platform does once the bot asks to join. */
    enum Script {
        /** The host refuses the bot at once: the cheapest complete lifecycle, so a join benchmark measures the API. */
        DENIED,
        /**
         * Admitted; once the bot records, {@link #recordAndEnd} plays a second of silence and ends the meeting: a whole
         * lifecycle with a recording.
         */
        SHORT_MEETING
    }

    private final Script script;
    private final Map<UUID, Session> admitted = new ConcurrentHashMap<>();

    BenchPlatform(Script script) { this.script = script; }

    @Override public String name() { return "bench"; }

    @Override
    public Optional<MeetingRef> parse(String url) {
        if (url == null || !url.startsWith(PREFIX) || url.length() == PREFIX.length()) return Optional.empty();
        return Optional.of(MeetingRef.of(name(), url, url.substring(PREFIX.length())));
    }

    @Override public Set<Capability> capabilities() { return EnumSet.noneOf(Capability.class); }

    @Override public MeetingSession open(SessionContext context) { return new Session(context, script, admitted); }

    /** The bot's meeting gets a second of silent audio, then ends; for a bot that is recording. */
    void recordAndEnd(UUID bot) {
        Session s = admitted.remove(bot);
        if (s == null) throw new IllegalStateException("bot " + bot + " is not in a meeting of this platform");
        for (int i = 0; i < 50; i++) s.context.media().audio(new AudioFrame(AudioFrame.MIX, i * 20_000L, 16_000, new short[320]));
        s.context.emit(new MeetingEvent.MeetingEnded(s.context.clock().instant()));
    }

    private record Session(SessionContext context, Script script, Map<UUID, Session> admitted) implements MeetingSession {
        @Override
        public void join() {
            // the meeting plays on its own thread, as a real platform's page would, so join returns at once
            Thread.ofVirtual().name("bench-meeting-" + context.botId()).start(this::play);
        }

        private void play() {
            Instant now = context.clock().instant();
            switch (script) {
                case DENIED -> context.emit(new MeetingEvent.Denied(now, "the benchmark's host refuses every bot"));
                case SHORT_MEETING -> {
                    admitted.put(context.botId(), this);
                    context.emit(new MeetingEvent.Admitted(now));
                }
            }
        }

        @Override public void sendChat(String text) { }

        @Override public void speak(short[] pcm, int sampleRate) { }

        @Override public void leave() { }

        @Override public void close() { }
    }
}
