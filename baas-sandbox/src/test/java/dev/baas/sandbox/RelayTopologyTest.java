package dev.baas.sandbox;

import dev.baas.browser.BotPage;
import dev.baas.browser.BotPageListener;
import dev.baas.browser.BotPageSpec;
import dev.baas.browser.BrowserRuntime;
import dev.baas.browser.BrowserSettings;
import dev.baas.browser.Pcm;
import dev.baas.sandbox.lookalike.LookalikeMeeting;
import dev.baas.sandbox.lookalike.LookalikeSite;
import dev.baas.spi.AudioFrame;
import dev.baas.spi.MediaSink;
import dev.baas.spi.VideoFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The media relay in each of the real platforms' topologies, with the sandbox's own page standing in for the
 * platform's page on a real host name (so this tests the relay and the host mapping, not a look-alike's UI):
 * the bot's browser gets what such a platform sends, and a participant hears what the bot says.
 */
class RelayTopologyTest {
    private static final String PAGE = LookalikeMeeting.resource("/dev/baas/sandbox/meeting.html");
    static SandboxService sandbox;
    static BrowserRuntime bots;

    /** Serves the sandbox page at https://&lt;host&gt;/&lt;key&gt; for one platform name. */
    record ProbeSite(String platform, String host) implements LookalikeSite {
        @Override public List<String> hosts() { return List.of(host); }

        @Override public Minted mint(SecureRandom random) {
            byte[] b = new byte[6];
            random.nextBytes(b);
            String key = HexFormat.of().formatHex(b);
            return new Minted("https://" + host + "/" + key, key, "");
        }

        @Override public Optional<Page> serve(Request request, Lookup meetings) {
            return meetings.byKey(request.path().substring(1)).map(m -> Page.html(m.render(PAGE)));
        }
    }

    @BeforeAll static void start() {
        sandbox = SandboxService.start(SandboxService.Settings.defaults().withSites(List.of(
                new ProbeSite("meet", "meet.google.com"), new ProbeSite("teams", "teams.microsoft.com"),
                new ProbeSite("zoom", "app.zoom.us"))));
        BrowserSettings s = BrowserSettings.defaults();
        bots = BrowserRuntime.start(s.withExtraArgs(List.of(sandbox.hostResolverRules())));
        bots.awaitWarm(Duration.ofSeconds(60));
    }

    @AfterAll static void stop() {
        bots.close();
        sandbox.close();
    }

    @ParameterizedTest @ValueSource(strings = {"meet", "teams", "zoom"})
    void the_bot_gets_the_platforms_media_and_is_heard(String platform) {
        SandboxService.CreatedMeeting m = sandbox.create(MeetingSpec.of("Alice").onPlatform(platform));
        assertTrue(m.meetingUrl().startsWith("https://"), m.meetingUrl());
        Frames frames = new Frames();
        BotPage bot = bots.open(BotPageSpec.of("Probe Bot", frames, BotPageListener.IGNORE)
                .withCapturePlayback(platform.equals("zoom")));
        try {
            if (platform.equals("meet")) for (String mid : List.of("1", "2", "3")) bot.nameSource("mid:" + mid, "slot" + mid);
            bot.run(p -> SandboxPage.askToJoin(p, m.meetingUrl(), "Probe Bot", false));
            eventually(() -> sandbox.state(m.id()).isInCall("Probe Bot"), "the bot never got into the call");
            eventually(() -> frames.sources().stream().anyMatch(s -> !s.equals(AudioFrame.MIX)), "no audio source was captured");

            Utterance u = sandbox.say(m.id(), "Alice", "The relay carries my voice to the bot");
            Instant until = u.end().plusSeconds(1);
            eventually(() -> frames.latestMicros() > micros(until), "audio stopped arriving");
            Map<String, Long> voiced = frames.voicedMillisBySource(u.onset().minusMillis(200), until);
            long expected = u.duration().toMillis();
            long mix = voiced.getOrDefault(AudioFrame.MIX, 0L);
            assertTrue(mix > expected / 2 && mix < expected * 3 / 2 + 400,
                    platform + ": the mix holds " + mix + " ms of speech for " + expected + " ms; by source " + voiced);
            Set<String> loud = voiced.entrySet().stream().filter(e -> !e.getKey().equals(AudioFrame.MIX))
                    .filter(e -> e.getValue() > expected / 2).map(Map.Entry::getKey).collect(Collectors.toSet());
            switch (platform) {
                case "meet" -> assertEquals(1, loud.size(), "one slot carries Alice: " + voiced);
                case "teams" -> {
                    assertTrue(loud.stream().anyMatch(s -> s.startsWith("mainAudio")), "no mainAudio track: " + voiced);
                    assertTrue(frames.sources().stream().anyMatch(s -> s.startsWith("redundant")), "no redundant track: " + frames.sources());
                }
                case "zoom" -> {
                    assertTrue(loud.stream().allMatch(s -> s.startsWith("playback-")) && !loud.isEmpty(),
                            "Zoom's audio must come from what the page plays, not from tracks: " + voiced);
                }
                default -> fail(platform);
            }
            if (platform.equals("meet"))
                assertTrue(loud.iterator().next().startsWith("slot"), "slot tracks carry mids: " + voiced);

            Instant since = Instant.now();
            bot.speak(tone(1.5), 16_000);
            eventually(() -> sandbox.heard(m.id(), "Alice", since).voiced().toMillis() >= 750,
                    "Alice did not hear the bot through the relay");
        } finally {
            bot.close();
            sandbox.end(m.id());
        }
    }

    static final class Frames implements MediaSink {
        private final ConcurrentLinkedQueue<AudioFrame> audio = new ConcurrentLinkedQueue<>();

        @Override public void audio(AudioFrame frame) { audio.add(frame); }

        @Override public void video(VideoFrame frame) {}

        Set<String> sources() { return audio.stream().map(AudioFrame::source).collect(Collectors.toSet()); }

        long latestMicros() { return audio.stream().mapToLong(AudioFrame::timestampMicros).max().orElse(0); }

        Map<String, Long> voicedMillisBySource(Instant from, Instant to) {
            Map<String, Long> out = new TreeMap<>();
            for (AudioFrame f : new ArrayList<>(audio)) {
                if (f.timestampMicros() < micros(from) || f.timestampMicros() >= micros(to)) continue;
                if (Pcm.rms(f.samples()) > 0.01) out.merge(f.source(), f.durationMicros() / 1000, Long::sum);
            }
            return out;
        }
    }

    static long micros(Instant at) { return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000; }

    static short[] tone(double seconds) {
        short[] out = new short[(int) (seconds * 16_000)];
        for (int i = 0; i < out.length; i++) out[i] = (short) (Math.sin(2 * Math.PI * 440 * i / 16_000.0) * 0.3 * 32767);
        return out;
    }

    static void eventually(BooleanSupplier condition, String failure) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail(failure);
            LockSupport.parkNanos(50_000_000);
        }
    }
}
