package dev.baas.server;

import dev.baas.spi.Capability;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.MeetingPlatform;
import dev.baas.spi.MeetingRef;
import dev.baas.spi.MeetingSession;
import dev.baas.spi.SessionContext;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A meeting platform for the server's tests, found by ServiceLoader like a real adapter: it recognises
 * {@code https://meet.test.example/<id>} and its sessions do what the test tells them.
 */
public final class TestPlatform implements MeetingPlatform {
    static final String PREFIX = "https://meet.test.example/";
    private static final Map<UUID, CompletableFuture<Session>> SESSIONS = new ConcurrentHashMap<>();

    @Override public String name() { return "testmeet"; }

    @Override
    public Optional<MeetingRef> parse(String url) {
        if (url == null || !url.startsWith(PREFIX) || url.length() == PREFIX.length()) return Optional.empty();
        return Optional.of(MeetingRef.of(name(), url, url.substring(PREFIX.length())));
    }

    @Override public Set<Capability> capabilities() { return EnumSet.of(Capability.PARTICIPANT_LIST, Capability.ACTIVE_SPEAKER); }

    @Override
    public MeetingSession open(SessionContext context) {
        Session s = new Session(context);
        future(context.botId()).complete(s);
        return s;
    }

    private static CompletableFuture<Session> future(UUID bot) {
        return SESSIONS.computeIfAbsent(bot, b -> new CompletableFuture<>());
    }

    /** The session of a bot, once the engine opened it. */
    static Session session(UUID bot) throws Exception {
        return future(bot).get(10, TimeUnit.SECONDS);
    }

    static final class Session implements MeetingSession {
        final SessionContext context;

        Session(SessionContext context) { this.context = context; }

        void emit(MeetingEvent e) { context.emit(e); }

        @Override public void join() { }

        @Override public void sendChat(String text) { }

        @Override public void speak(short[] pcm, int sampleRate) { }

        @Override public void leave() { }

        @Override public void close() { }
    }
}
