package dev.baas.core.streaming;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.core.BotEvent;
import dev.baas.spi.AudioFrame;
import dev.baas.spi.Participant;
import dev.baas.spi.Streaming;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One bot's WebSocket streams. Output: a handshake text frame, then 20 ms binary PCM frames at the requested rate
 * and JSON speaker updates; sends go through one bounded queue (a slow peer makes frames drop and be counted, never
 * blocks capture). Input: binary PCM frames played into the meeting; malformed ones dropped and counted.
 * <p>
 * Beyond v1, an output URL whose query has {@value #PER_PARTICIPANT_PARAM}{@code =1} gets every binary frame tagged
 * with a little-endian uint16 stream id before the PCM: 0 for the mix, 1, 2, ... for each participant's own audio;
 * a text frame {@code {"stream":{"id":n,"source":"..."}}} announces each participant's stream before its first frame.
 */
final class BotStreams {
    private static final System.Logger LOG = System.getLogger(BotStreams.class.getName());
    static final int MAX_INPUT_FRAME_BYTES = 2 * 48_000 * 2; // two seconds at 48 kHz
    private static final Object CLOSE = new Object();
    static final String PER_PARTICIPANT_PARAM = "baas_per_participant";
    static final int MIX_STREAM_ID = 0;

    private final UUID botId;
    private final Streaming config;
    private final StreamingService.Host host;
    private final Clock clock;
    private final Duration maxBackoff;
    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<Object> outbox = new ArrayBlockingQueue<>(500); // 10 s of 20 ms frames
    private final Map<String, Integer> speakerIds = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong(), dropped = new AtomicLong(), received = new AtomicLong(), rejected = new AtomicLong();
    private final AtomicInteger reconnects = new AtomicInteger();
    private final int rate;
    private final Instant startedAt;
    private volatile boolean closed;
    private volatile WebSocket output;
    private volatile WebSocket input;
    private final boolean perParticipant;
    private final Map<String, short[]> pending = new java.util.HashMap<>();
    private final Map<String, Integer> streamIds = new java.util.HashMap<>();

    BotStreams(UUID botId, Streaming config, StreamingService.Host host, Clock clock, Duration maxBackoff) {
        this.botId = botId;
        this.config = config;
        this.host = host;
        this.clock = clock;
        this.maxBackoff = maxBackoff;
        this.rate = config.audioFrequency();
        this.startedAt = clock.instant();
        this.perParticipant = config.output().map(BotStreams::asksPerParticipant).orElse(false);
    }

    static boolean asksPerParticipant(String url) {
        String query = URI.create(url).getRawQuery();
        return query != null && java.util.Arrays.asList(query.split("&")).contains(PER_PARTICIPANT_PARAM + "=1");
    }

    boolean perParticipant() { return perParticipant; }

    void open() {
        config.output().ifPresent(url -> Thread.ofVirtual().name("stream-out-" + botId).start(() -> runOutput(URI.create(url))));
        config.input().filter(in -> !in.equals(config.output().orElse(null)))
                .ifPresent(url -> Thread.ofVirtual().name("stream-in-" + botId).start(() -> runInput(URI.create(url))));
    }

    /** Keeps the output connected until the bot ends, sending what the queue holds. */
    private void runOutput(URI uri) {
        Duration backoff = Duration.ofMillis(250);
        boolean sameAsInput = config.input().map(uri.toString()::equals).orElse(false);
        while (!closed) {
            try {
                WebSocket ws = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                        .buildAsync(uri, new Listener(sameAsInput)).get(10, TimeUnit.SECONDS);
                output = ws;
                report("output", "connected", null);
                backoff = Duration.ofMillis(250);
                ws.sendText(handshake(), true).get(5, TimeUnit.SECONDS);
                pump(ws);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (closed) return;
                report("output", "disconnected", rootMessage(e));
            }
            output = null;
            if (closed) return;
            reconnects.incrementAndGet();
            if (!pause(backoff)) return;
            backoff = min(backoff.multipliedBy(2), maxBackoff);
        }
    }

    private void pump(WebSocket ws) throws Exception {
        while (!closed) {
            Object item = outbox.poll(1, TimeUnit.SECONDS);
            if (item == null) {
                if (ws.isOutputClosed() || ws.isInputClosed()) throw new IllegalStateException("the stream was closed by the peer");
                continue;
            }
            if (item == CLOSE) break;
            CompletableFuture<WebSocket> f = item instanceof String text ? ws.sendText(text, true) : ws.sendBinary((ByteBuffer) item, true);
            f.get(5, TimeUnit.SECONDS);
            if (!(item instanceof String)) sent.incrementAndGet();
        }
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bot finished").get(2, TimeUnit.SECONDS);
    }

    private void runInput(URI uri) {
        Duration backoff = Duration.ofMillis(250);
        while (!closed) {
            try {
                CompletableFuture<Void> ended = new CompletableFuture<>();
                Listener l = new Listener(true);
                l.ended = ended;
                input = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, l).get(10, TimeUnit.SECONDS);
                report("input", "connected", null);
                backoff = Duration.ofMillis(250);
                ended.get();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (closed) return;
                report("input", "disconnected", rootMessage(e));
            }
            if (closed) return;
            reconnects.incrementAndGet();
            if (!pause(backoff)) return;
            backoff = min(backoff.multipliedBy(2), maxBackoff);
        }
    }

    /** Captured audio in (the mix, and each participant's when asked for), cut into 20 ms frames at the requested rate. */
    synchronized void audio(AudioFrame frame) {
        if (closed || config.output().isEmpty() || (!frame.isMix() && !perParticipant)) return;
        Integer known = frame.isMix() ? Integer.valueOf(MIX_STREAM_ID) : streamIds.get(frame.source());
        int streamId = known != null ? known : streamIds.size() + 1;
        if (known == null) {
            streamIds.put(frame.source(), streamId);
            var announce = JsonNodeFactory.instance.objectNode();
            announce.putObject("stream").put("id", streamId).put("source", frame.source());
            enqueue(announce.toString());
        }
        short[] samples = Pcm.resample(frame.samples(), frame.sampleRate(), rate);
        short[] before = pending.getOrDefault(frame.source(), new short[0]);
        short[] all = new short[before.length + samples.length];
        System.arraycopy(before, 0, all, 0, before.length);
        System.arraycopy(samples, 0, all, before.length, samples.length);
        int frameLen = rate / 50;
        int off = 0;
        for (; off + frameLen <= all.length; off += frameLen) {
            short[] f = new short[frameLen];
            System.arraycopy(all, off, f, 0, frameLen);
            enqueue(ByteBuffer.wrap(perParticipant ? tagged(streamId, Pcm.toBytes(f)) : Pcm.toBytes(f)));
        }
        pending.put(frame.source(), java.util.Arrays.copyOfRange(all, off, all.length));
    }

    private static byte[] tagged(int streamId, byte[] pcm) {
        byte[] out = new byte[pcm.length + 2];
        out[0] = (byte) streamId;
        out[1] = (byte) (streamId >>> 8);
        System.arraycopy(pcm, 0, out, 2, pcm.length);
        return out;
    }

    void speaker(Participant p, boolean speaking, Instant at) {
        if (closed || config.output().isEmpty()) return;
        int id = speakerIds.computeIfAbsent(p.id(), k -> speakerIds.size() + 1);
        var arr = JsonNodeFactory.instance.arrayNode();
        arr.addObject().put("name", p.name()).put("id", id).put("timestamp", at.toEpochMilli()).put("isSpeaking", speaking);
        enqueue(arr.toString());
    }

    private void enqueue(Object item) {
        if (!outbox.offer(item)) dropped.incrementAndGet();
    }

    private String handshake() {
        ObjectNode h = JsonNodeFactory.instance.objectNode();
        h.put("protocol_version", 1);
        h.put("bot_id", botId.toString());
        h.put("offset", Duration.between(startedAt, clock.instant()).toMillis() / 1000.0);
        h.put("sample_rate", rate);
        if (perParticipant) h.put("per_participant", true);
        return h.toString();
    }

    StreamingService.StreamStats stats() {
        return new StreamingService.StreamStats(sent.get(), dropped.get(), received.get(), rejected.get(), reconnects.get(),
                output != null && !closed);
    }

    void close() {
        closed = true;
        outbox.clear();
        outbox.offer(CLOSE);
        WebSocket in = input;
        if (in != null) in.abort();
    }

    private void report(String direction, String state, String error) {
        LOG.log(error == null ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                "bot " + botId + ": " + direction + " stream " + state + (error == null ? "" : ": " + error));
        host.report(new BotEvent.StreamState(botId, clock.instant(), direction, state, java.util.Optional.ofNullable(error)));
    }

    private boolean pause(Duration d) {
        try {
            Thread.sleep(d); // backoff between reconnection attempts
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) { return a.compareTo(b) <= 0 ? a : b; }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Receives from a stream: binary PCM is played into the meeting when this direction carries input. */
    private final class Listener implements WebSocket.Listener {
        private final boolean carriesInput;
        private final java.io.ByteArrayOutputStream message = new java.io.ByteArrayOutputStream();
        private boolean oversized;
        CompletableFuture<Void> ended;

        Listener(boolean carriesInput) { this.carriesInput = carriesInput; }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            if (carriesInput) {
                if (message.size() + data.remaining() > MAX_INPUT_FRAME_BYTES) oversized = true;
                else {
                    byte[] chunk = new byte[data.remaining()];
                    data.get(chunk);
                    message.writeBytes(chunk);
                }
                if (last) {
                    byte[] bytes = message.toByteArray();
                    message.reset();
                    if (oversized || bytes.length == 0 || bytes.length % 2 != 0) rejected.incrementAndGet();
                    else {
                        received.incrementAndGet();
                        try {
                            host.speak(botId, Pcm.fromBytes(ByteBuffer.wrap(bytes)), rate);
                        } catch (RuntimeException e) {
                            rejected.incrementAndGet();
                        }
                    }
                    oversized = false;
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            ws.request(1); // text from the peer (acknowledgements, control) is ignored
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            if (ended != null) ended.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            if (ended != null) ended.completeExceptionally(error);
        }
    }

}
