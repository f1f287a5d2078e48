package dev.baas.server;

import dev.baas.core.streaming.Pcm;
import dev.baas.sandbox.SandboxService;
import org.java_websocket.WebSocket;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Prints live-audio latency through the whole server on this machine, for 1 and more concurrent bots in sandbox
 * meetings: mouth-to-socket (a participant's speech onset to the first voiced 20 ms frame at the user's output
 * WebSocket) and socket-to-ear (the user sends the first frame of a tone on the input to the participant hearing
 * it). Run as {@code ./baas bench streaming} (8 rounds, 1 and 5 bots), or run this class with arguments
 * {@code [rounds] [concurrency...]}, e.g. {@code 8 1 5 10}.
 */
public final class StreamingBench {
    private StreamingBench() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        List<Integer> levels = new ArrayList<>();
        for (int i = 1; i < args.length; i++) levels.add(Integer.parseInt(args[i]));
        if (levels.isEmpty()) levels = List.of(1, 5);
        Path data = Files.createTempDirectory("baas-streaming-bench");
        String key = "bench-" + System.nanoTime();
        ScheduledExecutorService pacer = StreamPeer.pacer();
        try (BaasServer server = BaasServer.start(ServerConfig.defaults(data).withPort(0).withApiKey(key)
                .withWebhookAllowPrivate(true).withSandbox(true))) {
            ApiClient api = new ApiClient(server.port(), key);
            SandboxService sandbox = server.sandbox().orElseThrow();
            System.out.printf("live audio through the server, loopback, %d cores, %d rounds per bot%n",
                    Runtime.getRuntime().availableProcessors(), rounds);
            Map<String, LinkedBlockingQueue<Instant>> voicedInJava = new ConcurrentHashMap<>();
            server.baas().onAudio((bot, frame) -> {
                if (frame.isMix() && Pcm.rms(frame.samples()) > LiveAudio.VOICED_RMS)
                    voicedInJava.computeIfAbsent(bot.toString(), k -> new LinkedBlockingQueue<>()).add(Instant.now());
            });
            for (int bots : levels) run(api, sandbox, pacer, voicedInJava, bots, rounds);
        } finally {
            pacer.shutdownNow();
        }
    }

    private static void run(ApiClient api, SandboxService sandbox, ScheduledExecutorService pacer,
                            Map<String, LinkedBlockingQueue<Instant>> voicedInJava, int bots, int rounds) throws Exception {
        List<Long> mouthToSocket = Collections.synchronizedList(new ArrayList<>());
        List<Long> mouthToJava = Collections.synchronizedList(new ArrayList<>());
        List<Long> socketToEar = Collections.synchronizedList(new ArrayList<>());
        List<String> misses = Collections.synchronizedList(new ArrayList<>());
        List<StreamPeer> peers = new ArrayList<>();
        try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Void>> done = new ArrayList<>();
            for (int b = 0; b < bots; b++) {
                StreamPeer peer = StreamPeer.listen();
                peers.add(peer);
                done.add(CompletableFuture.runAsync(() -> {
                    try {
                        LiveAudio.Bot bot = LiveAudio.join(api, sandbox, peer, "Alice", "");
                        WebSocket input = peer.input(LiveAudio.WAIT);
                        LinkedBlockingQueue<Instant> captured = voicedInJava.computeIfAbsent(bot.id(), k -> new LinkedBlockingQueue<>());
                        for (int r = 0; r < rounds; r++) {
                            LiveAudio.Speech speech = LiveAudio.Speech.of("Testing live audio, round " + (r + 1) + ".");
                            captured.clear();
                            LiveAudio.Spoken s = LiveAudio.speak(sandbox, bot, "Alice", speech, Duration.ofMillis(700), Duration.ofMillis(500));
                            s.mouthToSocket().ifPresentOrElse(d -> mouthToSocket.add(d.toMillis()), () -> misses.add("speech not at socket"));
                            Optional.ofNullable(captured.peek()).ifPresent(t -> mouthToJava.add(Duration.between(s.voiceOnset(), t).toMillis()));
                            StreamPeer.Sending tone = StreamPeer.sendTone(input, 24_000, Duration.ofMillis(600), pacer);
                            Optional<Instant> heard = LiveAudio.heardAfter(sandbox, bot.meetingId(), "Alice", tone.firstSent(), Duration.ofSeconds(10));
                            heard.ifPresentOrElse(h -> socketToEar.add(Duration.between(tone.firstSent(), h).toMillis()),
                                    () -> misses.add("tone not heard"));
                            tone.done().get(10, TimeUnit.SECONDS);
                        }
                        api.delete("/bots/" + bot.id());
                    } catch (Exception | AssertionError e) {
                        misses.add("bot failed: " + e);
                    }
                }, each));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).get(15, TimeUnit.MINUTES);
        } finally {
            peers.forEach(StreamPeer::stopQuietly);
        }
        System.out.printf("%2d bot(s)  mouth-to-socket %s%n", bots, summary(mouthToSocket));
        System.out.printf("%2d bot(s)    of which capture (onset to the engine) %s%n", bots, summary(mouthToJava));
        System.out.printf("%2d bot(s)  socket-to-ear   %s%n", bots, summary(socketToEar));
        if (!misses.isEmpty()) System.out.printf("%2d bot(s)  misses: %s%n", bots, misses);
    }

    private static String summary(List<Long> ms) {
        if (ms.isEmpty()) return "no samples";
        List<Long> s = new ArrayList<>(ms);
        Collections.sort(s);
        return String.format("n=%d  p50 %d ms  p99 %d ms  min %d ms  max %d ms  all %s", s.size(), pct(s, 50), pct(s, 99),
                s.getFirst(), s.getLast(), s);
    }

    private static long pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }
}
