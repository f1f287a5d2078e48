package dev.baas.sandbox;

import dev.baas.browser.BrowserRuntime;
import dev.baas.browser.BrowserSettings;
import dev.baas.browser.Pcm;
import dev.baas.core.Baas;
import dev.baas.core.BotEvent;
import dev.baas.core.media.RecorderFactory;
import dev.baas.core.media.RecordingSettings;
import dev.baas.spi.AudioFrame;
import dev.baas.spi.BotConfig;
import dev.baas.spi.BotStatusCode;
import dev.baas.spi.RecordingMode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * How many bots one node sustains with no dropped audio: ramps up concurrent bots (audio-only, then speaker_view
 * with the mp4 recorder encoding), each in its own sandbox meeting where a participant plays an 8 s tone, and
 * checks every bot captured the whole tone without gaps. Prints one row per step with the bots' browser CPU and
 * memory, the participants' browser CPU (the stand-in meeting's own load, reported apart) and this JVM's CPU
 * (engine, recorders, and the sandbox). Run: {@code ./baas bench capacity}; {@code BAAS_BENCH_AUDIO_MAX} and
 * {@code BAAS_BENCH_VIDEO_MAX} bound the ramps (24 and 10).
 */
public final class CapacityBench {
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final double TONE_SECONDS = 8;
    /** A bot keeps up if it captured this share of the tone, with no hole longer than this. */
    private static final double MIN_CAPTURED = 0.98;
    private static final long MAX_GAP_MILLIS = 60;

    record Step(RecordingMode mode, int bots, double worstCaptured, long worstGapMillis, long latencyMillis, double botsCpu,
                double participantsCpu, double jvmCpu, long botsPssMb, double load) {
        boolean sustained() { return worstCaptured >= MIN_CAPTURED && worstGapMillis <= MAX_GAP_MILLIS; }
    }

    public static void main(String[] args) throws Exception {
        int audioMax = Integer.parseInt(System.getenv().getOrDefault("BAAS_BENCH_AUDIO_MAX", "24"));
        int videoMax = Integer.parseInt(System.getenv().getOrDefault("BAAS_BENCH_VIDEO_MAX", "10"));
        Path data = Files.createTempDirectory("baas-capacity");
        List<Step> steps = new ArrayList<>();
        try (SandboxService sandbox = SandboxService.start(SandboxService.Settings.defaults())) {
            steps.addAll(ramp(sandbox, data, RecordingMode.AUDIO_ONLY, audioMax, 2));
            steps.addAll(ramp(sandbox, data, RecordingMode.SPEAKER_VIEW, videoMax, 2));
        }
        System.out.println();
        System.out.printf("%-13s %5s %9s %8s %9s %10s %9s %14s %8s %9s %6s %s%n", "mode", "bots", "captured", "max gap",
                "latency", "bots CPU", "per bot", "participants", "JVM CPU", "bots PSS", "load", "");
        for (Step s : steps)
            System.out.printf("%-13s %5d %8.1f%% %6d ms %6d ms %9.0f%% %8.1f%% %13.0f%% %7.0f%% %6d MB %6.1f %s%n", s.mode().wireName(), s.bots(),
                    100 * s.worstCaptured(), s.worstGapMillis(), s.latencyMillis(), 100 * s.botsCpu(), 100 * s.botsCpu() / s.bots(),
                    100 * s.participantsCpu(),
                    100 * s.jvmCpu(), s.botsPssMb(), s.load(), s.sustained() ? "ok" : "DROPS");
        for (RecordingMode mode : List.of(RecordingMode.AUDIO_ONLY, RecordingMode.SPEAKER_VIEW)) {
            int best = steps.stream().filter(s -> s.mode() == mode && s.sustained()).mapToInt(Step::bots).max().orElse(0);
            System.out.printf("max %s bots with no dropped audio on this node (%d cores): %d%n", mode.wireName(),
                    Runtime.getRuntime().availableProcessors(), best);
        }
    }

    static List<Step> ramp(SandboxService sandbox, Path data, RecordingMode mode, int max, int stride) throws Exception {
        List<Step> steps = new ArrayList<>();
        for (int n = stride; n <= max; n += stride) {
            Step s = step(sandbox, data, mode, n);
            steps.add(s);
            System.out.printf("%s x%d: captured %.1f%%, max gap %d ms, latency %d ms, bots CPU %.0f%%, load %.1f%n",
                    mode.wireName(), n, 100 * s.worstCaptured(), s.worstGapMillis(), s.latencyMillis(), 100 * s.botsCpu(), s.load());
            if (!s.sustained()) break;
        }
        return steps;
    }

    static Step step(SandboxService sandbox, Path data, RecordingMode mode, int n) throws Exception {
        BrowserSettings settings = BrowserSettings.fromEnvironment(System.getenv()).withBotsPerBrowser(Math.max(10, n));
        try (BrowserRuntime runtime = BrowserRuntime.start(settings);
             Baas baas = Baas.builder().platform(new SandboxPlatform()).service(BrowserRuntime.class, runtime)
                     .recorders(RecorderFactory.media(RecordingSettings.defaults())).dataDirectory(data).build()) {
            Set<UUID> recording = ConcurrentHashMap.newKeySet(), done = ConcurrentHashMap.newKeySet();
            baas.onEvent(e -> {
                if (e instanceof BotEvent.StatusChanged c && c.code() == BotStatusCode.IN_CALL_RECORDING) recording.add(c.botId());
                if (e instanceof BotEvent.Completed || e instanceof BotEvent.Failed) done.add(e.botId());
            });
            List<String> meetings = new ArrayList<>();
            List<UUID> ids = new ArrayList<>(); // in the order of their meetings
            Map<UUID, ConcurrentLinkedQueue<AudioFrame>> heard = new ConcurrentHashMap<>();
            for (int i = 0; i < n; i++) {
                SandboxService.CreatedMeeting m = sandbox.create(MeetingSpec.of("Alice"));
                meetings.add(m.id());
                UUID bot = baas.join(BotConfig.builder(m.meetingUrl(), "Capacity Bot " + i).recordingMode(mode).build());
                ConcurrentLinkedQueue<AudioFrame> frames = new ConcurrentLinkedQueue<>();
                heard.put(bot, frames);
                ids.add(bot);
                baas.audio(bot).subscribe(collector(frames));
            }
            await(() -> recording.size() == n, "all " + n + " bots recording");
            short[] tone = Pcm.tone(440, TONE_SECONDS, 16_000, 0.3);
            List<ProcessHandle> bots = processes(runtime.browserMarkers());
            List<ProcessHandle> participants = processes(sandbox.participantBrowserMarkers());
            Map<String, Long> byKind0 = cpuByKind(bots);
            List<ProcessHandle> drivers = ProcessHandle.current().children()
                    .filter(p -> p.info().command().map(c -> !c.contains("chrom")).orElse(false)).toList();
            long driverCpu0 = cpuMillis(drivers);
            long botsCpu0 = cpuMillis(bots), partCpu0 = cpuMillis(participants), jvmCpu0 = jvmCpuMillis(), t0 = System.nanoTime();
            List<CompletableFuture<Utterance>> played = new ArrayList<>();
            for (String id : meetings) played.add(CompletableFuture.supplyAsync(() -> sandbox.play(id, "Alice", tone, 16_000)));
            List<Utterance> utterances = new ArrayList<>();
            for (CompletableFuture<Utterance> f : played) utterances.add(f.get(60, TimeUnit.SECONDS));
            Instant end = utterances.stream().map(Utterance::end).max(Instant::compareTo).orElseThrow().plusSeconds(2);
            await(() -> heard.values().stream().allMatch(q -> q.stream().anyMatch(f -> f.timestampMicros() > micros(end))),
                    "audio past the end of the tone from every bot");
            double wall = (System.nanoTime() - t0) / 1e6;
            double botsCpu = (cpuMillis(bots) - botsCpu0) / wall, partCpu = (cpuMillis(participants) - partCpu0) / wall;
            double jvmCpu = (jvmCpuMillis() - jvmCpu0) / wall;
            long pss = pssKb(bots) / 1024;
            Map<String, Long> byKind = cpuByKind(bots);
            StringBuilder where = new StringBuilder();
            byKind.forEach((kind, ms) -> where.append(String.format(" %s %.0f%%", kind, 100 * (ms - byKind0.getOrDefault(kind, 0L)) / wall)));
            System.out.printf("  %s x%d bots' browser CPU by process:%s; Playwright drivers %.0f%%%n", mode.wireName(), n, where,
                    100 * (cpuMillis(drivers) - driverCpu0) / wall);
            double worst = 1;
            long worstGap = 0, worstLatency = 0;
            for (int i = 0; i < ids.size(); i++) {
                Utterance u = utterances.get(i);
                // the tone reaches the bot some time after it was played: look past its end by the time allowed
                List<AudioFrame> mix = heard.get(ids.get(i)).stream().filter(AudioFrame::isMix)
                        .filter(f -> f.timestampMicros() >= micros(u.onset()) && f.timestampMicros() < micros(end)).toList();
                List<AudioFrame> voiced = mix.stream().filter(f -> Pcm.rms(f.samples()) > 0.01).toList();
                long voicedMillis = voiced.stream().mapToLong(f -> f.durationMicros() / 1000).sum();
                worst = Math.min(worst, Math.min(1, voicedMillis / (double) u.duration().toMillis()));
                if (voiced.isEmpty()) continue;
                worstLatency = Math.max(worstLatency, (voiced.getFirst().timestampMicros() - micros(u.onset())) / 1000);
                // within the tone: a hole in the timestamps, or a stretch of silence, is audio that was lost
                long first = voiced.getFirst().timestampMicros(), last = voiced.getLast().timestampMicros();
                List<AudioFrame> during = mix.stream().filter(f -> f.timestampMicros() >= first && f.timestampMicros() <= last).toList();
                long quiet = 0;
                for (int k = 0; k < during.size(); k++) {
                    AudioFrame f = during.get(k);
                    if (k > 0) {
                        long hole = f.timestampMicros() - during.get(k - 1).timestampMicros() - during.get(k - 1).durationMicros();
                        worstGap = Math.max(worstGap, hole / 1000);
                    }
                    quiet = Pcm.rms(f.samples()) > 0.01 ? 0 : quiet + f.durationMicros();
                    worstGap = Math.max(worstGap, quiet / 1000);
                }
            }
            double load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            for (UUID bot : ids) baas.leave(bot);
            await(() -> done.size() == n, "all bots finished");
            meetings.forEach(sandbox::end);
            return new Step(mode, n, worst, worstGap, worstLatency, botsCpu, partCpu, jvmCpu, pss, load);
        }
    }

    private static Flow.Subscriber<AudioFrame> collector(ConcurrentLinkedQueue<AudioFrame> into) {
        return new Flow.Subscriber<>() {
            @Override public void onSubscribe(Flow.Subscription s) { s.request(Long.MAX_VALUE); }
            @Override public void onNext(AudioFrame f) { into.add(f); }
            @Override public void onError(Throwable t) {}
            @Override public void onComplete() {}
        };
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        CountDownLatch never = new CountDownLatch(1);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("timed out waiting for " + what);
            never.await(100, TimeUnit.MILLISECONDS);
        }
    }

    private static List<ProcessHandle> processes(List<String> markers) {
        List<ProcessHandle> out = new ArrayList<>();
        ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().map(c -> markers.stream().anyMatch(c::contains) && !c.contains("--type=")).orElse(false))
                .forEach(b -> {
                    out.add(b);
                    out.addAll(b.descendants().toList());
                });
        return out;
    }

    /** CPU time of Chromium's processes by kind (browser, renderer, gpu-process, utility:audio, ...). */
    private static Map<String, Long> cpuByKind(List<ProcessHandle> procs) {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (ProcessHandle p : procs) {
            String cmd;
            try { // the JDK answers no command line for processes Chromium's zygote forked: read it from /proc
                cmd = Files.readString(Path.of("/proc/" + p.pid() + "/cmdline")).replace('\0', ' ');
            } catch (java.io.IOException e) {
                continue; // ended meanwhile
            }
            java.util.regex.Matcher type = java.util.regex.Pattern.compile("--type=([a-z-]+)").matcher(cmd);
            java.util.regex.Matcher sub = java.util.regex.Pattern.compile("--utility-sub-type=[a-z_]+\\.mojom\\.([A-Za-z]+)").matcher(cmd);
            String kind = type.find() ? type.group(1) + (sub.find() ? ":" + sub.group(1) : "") : "browser";
            out.merge(kind, p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L), Long::sum);
        }
        return out;
    }

    private static long cpuMillis(List<ProcessHandle> procs) {
        return procs.stream().mapToLong(p -> p.info().totalCpuDuration().map(Duration::toMillis).orElse(0L)).sum();
    }

    private static long jvmCpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    private static long pssKb(List<ProcessHandle> procs) {
        long sum = 0;
        for (ProcessHandle p : procs) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/smaps_rollup")))
                    if (line.startsWith("Pss:")) sum += Long.parseLong(line.replaceAll("[^0-9]", ""));
            } catch (java.io.IOException e) {
                // the process ended between listing and reading
            }
        }
        return sum;
    }

    private static long micros(Instant t) { return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000; }
}
