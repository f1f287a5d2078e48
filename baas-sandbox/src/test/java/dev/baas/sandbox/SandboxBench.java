package dev.baas.sandbox;

import dev.baas.browser.BrowserRuntime;
import dev.baas.browser.BrowserSettings;
import dev.baas.browser.Pcm;
import dev.baas.spi.AudioFrame;
import dev.baas.spi.BotConfig;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.MeetingSession;
import dev.baas.spi.RecordingMode;
import dev.baas.tck.RecordingContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Prints what a bot costs and how fast it is, on this machine: join latency with a cold browser and with the warm
 * pool, memory and CPU per concurrent audio-only bot, and capture latency (speech onset to the first voiced frame
 * in Java). Run with the test class path: {@code java -cp ... dev.baas.sandbox.SandboxBench}.
 */
public final class SandboxBench {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    public static void main(String[] args) throws Exception {
        try (SandboxService sandbox = SandboxService.start(SandboxService.Settings.defaults())) {
            joinLatency(sandbox);
            costPerBot(sandbox, 1);
            costPerBot(sandbox, 5);
            captureLatency(sandbox, 20);
        }
    }

    record Bot(RecordingContext ctx, MeetingSession session, long joinMillis, String meetingId) {}

    static Bot join(SandboxService sandbox, BrowserRuntime runtime, String name, String meetingId, String url) {
        RecordingContext ctx = new RecordingContext(BotConfig.builder(url, name).recordingMode(RecordingMode.AUDIO_ONLY).build(),
                new SandboxPlatform().parse(url).orElseThrow(),
                t -> t == BrowserRuntime.class ? Optional.of(runtime) : Optional.empty());
        MeetingSession s = new SandboxPlatform().open(ctx);
        long t0 = System.nanoTime();
        s.join();
        ctx.await(MeetingEvent.Admitted.class, e -> true, PATIENCE).orElseThrow(() -> new IllegalStateException("not admitted: " + ctx.events()));
        return new Bot(ctx, s, (System.nanoTime() - t0) / 1_000_000, meetingId);
    }

    static void joinLatency(SandboxService sandbox) {
        List<Long> cold = new ArrayList<>(), warm = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SandboxService.CreatedMeeting m = sandbox.create(MeetingSpec.of("Alice"));
            try (BrowserRuntime rt = BrowserRuntime.start(BrowserSettings.defaults().withWarmContexts(0))) {
                Bot b = join(sandbox, rt, "Cold Bot", m.id(), m.meetingUrl());
                cold.add(b.joinMillis());
                b.session().close();
            }
            sandbox.end(m.id());
        }
        try (BrowserRuntime rt = BrowserRuntime.start(BrowserSettings.defaults())) {
            for (int i = 0; i < 5; i++) {
                rt.awaitWarm(PATIENCE);
                SandboxService.CreatedMeeting m = sandbox.create(MeetingSpec.of("Alice"));
                Bot b = join(sandbox, rt, "Warm Bot", m.id(), m.meetingUrl());
                warm.add(b.joinMillis());
                b.session().close();
                sandbox.end(m.id());
            }
        }
        System.out.printf("join latency open->admitted, cold browser: %s ms; warm pool: %s ms%n", cold, warm);
    }

    static void costPerBot(SandboxService sandbox, int n) throws Exception {
        try (BrowserRuntime rt = BrowserRuntime.start(BrowserSettings.defaults().withWarmContexts(0))) {
            List<Bot> bots = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                SandboxService.CreatedMeeting m = sandbox.create(MeetingSpec.of("Alice"));
                bots.add(join(sandbox, rt, "Bot " + i, m.id(), m.meetingUrl()));
            }
            String marker = rt.browserMarkers().getFirst();
            ProcessHandle browser = ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().map(c -> c.contains(marker) && !c.contains("--type=")).orElse(false))
                    .findFirst().orElseThrow();
            List<ProcessHandle> procs = new ArrayList<>(browser.descendants().toList());
            procs.add(browser);
            // Let every call settle, then measure CPU over a window while each meeting's participant talks.
            for (Bot b : bots) sandbox.say(b.meetingId(), "Alice", "Warming up the call before we measure it");
            long cpu0 = cpuMillis(procs), t0 = System.nanoTime();
            List<CompletableFuture<Void>> talk = new ArrayList<>();
            for (Bot b : bots) talk.add(CompletableFuture.runAsync(() -> sandbox.say(b.meetingId(), "Alice",
                    "This is a longer sentence so that the bot keeps receiving speech while we measure how much it costs")));
            CompletableFuture.allOf(talk.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            bots.getFirst().ctx().awaitMedia(c -> false, Duration.ofSeconds(10)); // a 10 s measuring window
            long cpu = cpuMillis(procs) - cpu0, wall = (System.nanoTime() - t0) / 1_000_000;
            long pss = pssKb(procs);
            System.out.printf("%d audio-only bot(s) in one browser (%d processes): CPU %.0f %% of a core total, %.0f %% per bot;"
                            + " PSS %d MB total, %d MB per bot%n", n, procs.size(), 100.0 * cpu / wall, 100.0 * cpu / wall / n,
                    pss / 1024, pss / 1024 / n);
            browserThreadRoundTrip(rt, n);
            for (Bot b : bots) {
                b.session().close();
                sandbox.end(b.meetingId());
            }
        }
    }

    /** How long a page task waits for the shared browser thread while {@code n} bots are in calls on it. */
    static void browserThreadRoundTrip(BrowserRuntime rt, int n) {
        try (dev.baas.browser.BotPage probe = rt.open(dev.baas.browser.BotPageSpec.of("Probe", dev.baas.spi.MediaSink.DISCARD,
                new dev.baas.browser.BotPageListener() {}).withCaptureAudio(false))) {
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                long t0 = System.nanoTime();
                probe.call(p -> p.evaluate("1"));
                micros.add((System.nanoTime() - t0) / 1000);
            }
            List<Long> sorted = micros.stream().sorted().toList();
            System.out.printf("page task round trip (submit -> evaluate -> result) with %d bots on the browser thread:"
                    + " p50 %.1f ms, p99 %.1f ms%n", n, sorted.get(50) / 1000.0, sorted.get(98) / 1000.0);
        }
    }

    static void captureLatency(SandboxService sandbox, int runs) {
        short[] burst = new short[16_000];
        System.arraycopy(Pcm.tone(300, 0.6, 16_000, 0.4), 0, burst, 3_200, 9_600); // 200 ms silence, then voice
        List<Long> lags = new ArrayList<>(), stamped = new ArrayList<>();
        try (BrowserRuntime rt = BrowserRuntime.start(BrowserSettings.defaults())) {
            SandboxService.CreatedMeeting m = sandbox.create(MeetingSpec.of("Alice"));
            Bot bot = join(sandbox, rt, "Latency Bot", m.id(), m.meetingUrl());
            bot.ctx().awaitMedia(c -> c.audio().stream().anyMatch(f -> f.source().equals("Alice")), PATIENCE);
            for (int i = 0; i < runs; i++) {
                Instant sent = Instant.now();
                Utterance u = sandbox.play(m.id(), "Alice", burst, 16_000);
                long voiceOnset = micros(u.onset()) + 200_000;
                long[] arrival = new long[2];
                bot.ctx().awaitMedia(c -> {
                    for (AudioFrame f : c.audio())
                        if (f.source().equals("Alice") && f.timestampMicros() >= micros(sent) && Pcm.rms(f.samples()) > 0.01) {
                            arrival[0] = micros(Instant.now()); // first seen by this waiter, woken by the frame's arrival
                            arrival[1] = f.timestampMicros();
                            return true;
                        }
                    return false;
                }, PATIENCE);
                lags.add((arrival[0] - voiceOnset) / 1000);
                stamped.add((arrival[1] - voiceOnset) / 1000);
                bot.ctx().awaitMedia(c -> false, Duration.ofMillis(900)); // let the burst finish before the next
            }
            bot.session().close();
            sandbox.end(m.id());
        }
        List<Long> sorted = lags.stream().sorted().toList();
        List<Long> sortedStamps = stamped.stream().sorted().toList();
        System.out.printf("capture latency speech onset -> first voiced frame received in Java, %d runs: p50 %d ms, p99 %d ms;"
                        + " onset -> that frame's own timestamp: p50 %d ms, p99 %d ms%n", runs, sorted.get(sorted.size() / 2),
                sorted.getLast(), sortedStamps.get(sortedStamps.size() / 2), sortedStamps.getLast());
    }

    private static long micros(Instant t) { return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000; }

    private static long cpuMillis(List<ProcessHandle> procs) {
        return procs.stream().mapToLong(p -> p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L)).sum();
    }

    private static long pssKb(List<ProcessHandle> procs) {
        long sum = 0;
        for (ProcessHandle p : procs) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/smaps_rollup")))
                    if (line.startsWith("Pss:")) sum += Long.parseLong(line.replaceAll("[^0-9]", ""));
            } catch (IOException e) {
                // the process ended between listing and reading
            }
        }
        return sum;
    }
}
