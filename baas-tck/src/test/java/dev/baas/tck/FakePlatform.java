package dev.baas.tck;

import dev.baas.spi.AudioFrame;
import dev.baas.spi.Capability;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.MeetingPlatform;
import dev.baas.spi.MeetingRef;
import dev.baas.spi.MeetingSession;
import dev.baas.spi.Participant;
import dev.baas.spi.RecordingMode;
import dev.baas.spi.SessionContext;
import dev.baas.spi.VideoFrame;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory meeting platform for testing the TCK itself: meetings, a host, participants who "speak" tones,
 * and bots that receive 20 ms frames in real time. {@link Defect}s break one behaviour each.
 */
final class FakePlatform implements MeetingPlatform {
    enum Defect { DENIED_AS_ADMITTED, SILENT_CAPTURE, ALL_AUDIO_LABELLED_ALICE, CHAT_LOST, NEVER_LEAVES, CLAIMS_ANY_URL }

    private static final String PREFIX = "https://fake.example/m/";
    private final Set<Defect> defects;
    private final Map<String, Meeting> meetings = new ConcurrentHashMap<>();
    private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
    private final AtomicInteger ids = new AtomicInteger();

    private final Set<Capability> capabilities;

    FakePlatform(Set<Defect> defects, Set<Capability> capabilities) {
        this.defects = defects.isEmpty() ? EnumSet.noneOf(Defect.class) : EnumSet.copyOf(defects);
        this.capabilities = capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities);
    }

    @Override public String name() { return "fake"; }

    @Override public Optional<MeetingRef> parse(String url) {
        if (defects.contains(Defect.CLAIMS_ANY_URL)) return Optional.of(MeetingRef.of("fake", String.valueOf(url), "any"));
        if (url == null || !url.startsWith(PREFIX) || url.length() == PREFIX.length()) return Optional.empty();
        return Optional.of(MeetingRef.of("fake", url, url.substring(PREFIX.length())));
    }

    @Override public Set<Capability> capabilities() { return capabilities; }

    @Override public MeetingSession open(SessionContext context) { return new Session(context); }

    Meeting create(TestMeetingSpec spec) {
        Meeting m = new Meeting(PREFIX + "f" + ids.incrementAndGet(), spec);
        meetings.put(m.url, m);
        return m;
    }

    void shutdown() { clock.shutdownNow(); }

    static long micros(Instant at) { return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000; }

    private record Speech(String who, Instant from, Instant to) {
        boolean covers(Instant t) { return !t.isBefore(from) && t.isBefore(to); }
    }

    final class Meeting implements TestMeeting {
        final String url;
        final boolean waitingRoom;
        final Set<String> people = ConcurrentHashMap.newKeySet();
        final Set<Session> waiting = ConcurrentHashMap.newKeySet(), inCall = ConcurrentHashMap.newKeySet();
        final List<String[]> chat = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<Speech> speeches = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<Speech> botSpeech = new java.util.concurrent.CopyOnWriteArrayList<>();

        Meeting(String url, TestMeetingSpec spec) {
            this.url = url;
            this.waitingRoom = spec.waitingRoom();
            people.addAll(spec.participants());
        }

        void arrive(Session s) {
            if (waitingRoom) {
                waiting.add(s);
                s.emit(new MeetingEvent.InWaitingRoom(Instant.now()));
            } else admit(s);
        }

        void admit(Session s) {
            waiting.remove(s);
            inCall.add(s);
            s.emit(new MeetingEvent.Admitted(Instant.now()));
            for (String p : people) s.emit(new MeetingEvent.ParticipantJoined(Instant.now(), Participant.of(p, p)));
            s.startMedia(this);
        }

        private Session bot(Set<Session> where, String name) {
            return where.stream().filter(s -> s.ctx.config().botName().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no bot " + name));
        }

        @Override public String url() { return url; }
        @Override public void admitBot(String botName) { admit(bot(waiting, botName)); }

        @Override public void denyBot(String botName) {
            Session s = bot(waiting, botName);
            waiting.remove(s);
            s.emit(defects.contains(Defect.DENIED_AS_ADMITTED) ? new MeetingEvent.Admitted(Instant.now())
                    : new MeetingEvent.Denied(Instant.now(), "denied"));
        }

        @Override public void removeBot(String botName) {
            Session s = bot(inCall, botName);
            s.gone();
            s.emit(new MeetingEvent.Removed(Instant.now()));
        }

        @Override public void end() {
            for (Session s : List.copyOf(inCall)) {
                s.gone();
                s.emit(new MeetingEvent.MeetingEnded(Instant.now()));
            }
        }

        @Override public void participantJoins(String name) {
            people.add(name);
            for (Session s : inCall) s.emit(new MeetingEvent.ParticipantJoined(Instant.now(), Participant.of(name, name)));
        }

        @Override public void participantLeaves(String name) {
            people.remove(name);
            for (Session s : inCall) s.emit(new MeetingEvent.ParticipantLeft(Instant.now(), Participant.of(name, name)));
        }

        @Override public Spoken participantSays(String participant, String text) {
            Instant onset = Instant.now().plusMillis(100);
            Duration length = Duration.ofMillis(30L * text.length());
            speeches.add(new Speech(participant, onset, onset.plus(length)));
            Participant p = Participant.of(participant, participant);
            clock.schedule(() -> inCall.forEach(s -> s.emit(new MeetingEvent.ActiveSpeaker(onset, p, true))), 100, TimeUnit.MILLISECONDS);
            clock.schedule(() -> inCall.forEach(s -> s.emit(new MeetingEvent.ActiveSpeaker(onset.plus(length), p, false))),
                    100 + length.toMillis(), TimeUnit.MILLISECONDS);
            return new Spoken(onset, length);
        }

        @Override public void participantWritesChat(String participant, String text) {
            chat.add(new String[]{participant, text});
            for (Session s : inCall) s.emit(new MeetingEvent.ChatMessage(Instant.now(), participant, text, false));
        }

        @Override public boolean inCall(String name) {
            return people.contains(name) || inCall.stream().anyMatch(s -> s.ctx.config().botName().equals(name));
        }

        @Override public List<String> chatFrom(String sender) {
            return chat.stream().filter(c -> c[0].equals(sender)).map(c -> c[1]).toList();
        }

        @Override public Heard heardBy(String participant, Instant since) {
            Instant now = Instant.now();
            long voiced = 0;
            for (Speech s : botSpeech) {
                Instant a = s.from.isAfter(since) ? s.from : since, b = s.to.isBefore(now) ? s.to : now;
                if (b.isAfter(a)) voiced += Duration.between(a, b).toMillis();
            }
            return new Heard(voiced > 0 ? 0.3 : 0, Duration.ofMillis(voiced));
        }

        @Override public void close() { end(); }
    }

    final class Session implements MeetingSession {
        final SessionContext ctx;
        private Meeting meeting;
        private ScheduledFuture<?> media;

        Session(SessionContext ctx) { this.ctx = ctx; }

        void emit(MeetingEvent e) { ctx.emit(e); }

        @Override public void join() {
            emit(new MeetingEvent.Joining(Instant.now()));
            meeting = meetings.get(ctx.meeting().url());
            meeting.arrive(this);
        }

        /** 20 ms frames stamped with the wall clock: a 440 Hz tone while someone speaks, else silence. */
        void startMedia(Meeting m) {
            boolean video = ctx.config().recordingMode() != RecordingMode.AUDIO_ONLY;
            AtomicInteger tick = new AtomicInteger();
            media = clock.scheduleAtFixedRate(() -> {
                Instant now = Instant.now();
                Set<String> sources = new LinkedHashSet<>(m.people);
                short[] mix = new short[320];
                for (String who : sources) {
                    boolean speaking = !defects.contains(Defect.SILENT_CAPTURE)
                            && m.speeches.stream().anyMatch(s -> s.who.equals(who) && s.covers(now));
                    boolean alicesLabel = defects.contains(Defect.ALL_AUDIO_LABELLED_ALICE)
                            && m.speeches.stream().anyMatch(s -> s.covers(now));
                    short[] pcm = speaking || alicesLabel ? tone() : new short[320];
                    if (speaking) mix = tone();
                    ctx.media().audio(new AudioFrame(who, micros(now), 16_000, pcm));
                }
                ctx.media().audio(new AudioFrame(AudioFrame.MIX, micros(now), 16_000, mix));
                if (video && tick.incrementAndGet() % 10 == 0)
                    ctx.media().video(new VideoFrame(VideoFrame.VIEW, micros(now), 640, 360, "jpeg",
                            new byte[]{(byte) 0xFF, (byte) 0xD8, 0, 0, (byte) 0xFF, (byte) 0xD9}));
            }, 0, 20, TimeUnit.MILLISECONDS);
        }

        private static short[] tone() {
            short[] out = new short[320];
            for (int i = 0; i < out.length; i++) out[i] = (short) (Math.sin(2 * Math.PI * 440 * i / 16_000.0) * 8000);
            return out;
        }

        void gone() {
            if (meeting != null) meeting.inCall.remove(this);
            if (media != null) media.cancel(false);
        }

        @Override public void sendChat(String text) {
            if (!defects.contains(Defect.CHAT_LOST)) meeting.chat.add(new String[]{ctx.config().botName(), text});
        }

        @Override public void speak(short[] pcm, int sampleRate) {
            Instant now = Instant.now();
            meeting.botSpeech.add(new Speech(ctx.config().botName(), now, now.plusMillis(pcm.length * 1000L / sampleRate)));
        }

        @Override public void leave() {
            if (!defects.contains(Defect.NEVER_LEAVES)) gone();
        }

        @Override public void close() { gone(); }
    }

    static final class Fixture implements PlatformFixture {
        final FakePlatform platform;

        Fixture(Set<Defect> defects) { this(defects, EnumSet.allOf(Capability.class)); }

        Fixture(Set<Defect> defects, Set<Capability> capabilities) { platform = new FakePlatform(defects, capabilities); }

        @Override public MeetingPlatform platform() { return platform; }
        @Override public <T> Optional<T> service(Class<T> type) { return Optional.empty(); }
        @Override public TestMeeting createMeeting(TestMeetingSpec spec) { return platform.create(spec); }
        @Override public Duration patience() { return Duration.ofSeconds(2); }
        @Override public void close() { platform.shutdown(); }
    }
}
