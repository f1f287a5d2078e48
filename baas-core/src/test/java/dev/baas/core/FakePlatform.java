package dev.baas.core;

import dev.baas.spi.Capability;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.MeetingPlatform;
import dev.baas.spi.MeetingRef;
import dev.baas.spi.MeetingSession;
import dev.baas.spi.SessionContext;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A platform whose meetings are driven by the test: it emits whatever the test tells it to. */
public class FakePlatform implements MeetingPlatform {
    public final Map<UUID, FakeSession> sessions = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<FakeSession> opened = new LinkedBlockingQueue<>();
    private final String name;

    public FakePlatform() { this("fake"); }

    FakePlatform(String name) { this.name = name; }

    @Override public String name() { return name; }

    @Override
    public Optional<MeetingRef> parse(String url) {
        String prefix = "https://" + name + ".test/";
        if (url == null || !url.startsWith(prefix) || url.length() == prefix.length()) return Optional.empty();
        return Optional.of(MeetingRef.of(name, url, url.substring(prefix.length())));
    }

    @Override public Set<Capability> capabilities() { return EnumSet.of(Capability.CHAT_SEND, Capability.WAITING_ROOM); }

    @Override
    public MeetingSession open(SessionContext context) {
        FakeSession s = new FakeSession(context);
        sessions.put(context.botId(), s);
        opened.add(s);
        return s;
    }

    public FakeSession awaitSession() throws InterruptedException {
        FakeSession s = opened.poll(10, TimeUnit.SECONDS);
        if (s == null) throw new AssertionError("no session was opened");
        return s;
    }

    public static final class FakeSession implements MeetingSession {
        public final SessionContext context;
        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<String> chat = new ArrayList<>();

        FakeSession(SessionContext context) { this.context = context; }

        void emit(MeetingEvent e) { context.emit(e); }

        @Override public void join() { calls.add("join"); }

        @Override public synchronized void sendChat(String text) { chat.add(text); calls.add("chat"); }

        final java.util.concurrent.LinkedBlockingQueue<short[]> spoken = new java.util.concurrent.LinkedBlockingQueue<>();

        @Override public void speak(short[] pcm, int sampleRate) { calls.add("speak"); spoken.add(pcm); }

        /** What {@link #screenshot()} answers; null: the session cannot take screenshots. */
        volatile byte[] picture;

        /** Holds screenshots back until the test opens it. */
        volatile java.util.concurrent.CountDownLatch screenshotGate = new java.util.concurrent.CountDownLatch(0);

        @Override public Optional<byte[]> screenshot() {
            calls.add("screenshot");
            try {
                screenshotGate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            return Optional.ofNullable(picture).map(byte[]::clone);
        }

        @Override public void leave() { calls.add("leave"); }

        @Override public void close() { calls.add("close"); }
    }
}
