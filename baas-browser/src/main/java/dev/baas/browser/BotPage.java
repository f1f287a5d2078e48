package dev.baas.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonObject;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.ScreenshotType;
import dev.baas.spi.AudioFrame;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.VideoFrame;
import org.java_websocket.WebSocket;
import org.java_websocket.exceptions.WebsocketNotConnectedException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One bot's page in the shared browser, in its own context. Page work runs on the browser's thread through
 * {@link #call}/{@link #submit}; keep each task short (click, fill, navigate) and learn about the page through
 * reports rather than long waits, since the thread is shared with the other bots of that browser.
 */
public final class BotPage implements AutoCloseable {
    private static final int MIC_RATE = 48_000, MIC_CHUNK = 960;
    private static final long CALL_TIMEOUT_SECONDS = 60;

    private final BrowserHost host;
    private final MediaBridge bridge;
    private final BotPageSpec spec;
    private final Map<Integer, String> channelStreams = new ConcurrentHashMap<>();
    private final Map<Integer, String> channelMids = new ConcurrentHashMap<>();
    private final Map<String, String> sourceNames = new ConcurrentHashMap<>();
    private final List<ByteBuffer> unsent = new ArrayList<>();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger utterances = new AtomicInteger();
    private volatile WebSocket connection;
    private volatile String key, secret;
    private volatile long lastVideoMicros;
    // Confined to the browser thread.
    private BrowserContext context;
    private Page page;

    BotPage(BrowserHost host, MediaBridge bridge, BotPageSpec spec) {
        this.host = host;
        this.bridge = bridge;
        this.spec = spec;
    }

    public String botName() { return spec.botName(); }

    /** Runs {@code action} with the page on the browser thread and waits for its result. */
    public <T> T call(Function<Page, T> action) {
        try {
            return submit(action).get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BaasException(ErrorCode.UNAVAILABLE, "interrupted while waiting for the browser", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BaasException b) throw b;
            throw new BaasException(ErrorCode.UNAVAILABLE, "browser action failed: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new BaasException(ErrorCode.UNAVAILABLE, "browser action took longer than "
                    + CALL_TIMEOUT_SECONDS + " s", e);
        }
    }

    public void run(Consumer<Page> action) {
        call(p -> {
            action.accept(p);
            return null;
        });
    }

    public <T> CompletableFuture<T> submit(Function<Page, T> action) {
        if (host.onHostThread()) throw new IllegalStateException("a page task must not wait for another page task");
        return host.submit(() -> {
            if (page == null || closed.get()) throw new BaasException(ErrorCode.UNAVAILABLE, "the bot page is closed");
            return action.apply(page);
        });
    }

    /**
     * Plays mono PCM as the bot's microphone; returns the utterance number that {@link
     * BotPageListener#speechStarted} reports when playback begins in the page.
     */
    public int speak(short[] pcm, int sampleRate) {
        if (sampleRate <= 0) throw BaasException.invalid("sample_rate", "must be positive");
        short[] samples = Pcm.resample(pcm, sampleRate, MIC_RATE);
        int utterance = utterances.incrementAndGet();
        for (int off = 0; off < samples.length || off == 0; off += MIC_CHUNK) {
            int n = Math.min(MIC_CHUNK, samples.length - off);
            ByteBuffer b = ByteBuffer.allocate(8 + n * 2).order(ByteOrder.LITTLE_ENDIAN);
            int flags = (off == 0 ? 1 : 0) | (off + MIC_CHUNK >= samples.length ? 2 : 0);
            b.put((byte) flags).put((byte) 0).putShort((short) 0).putInt(utterance);
            for (int i = 0; i < n; i++) b.putShort(samples[off + i]);
            b.flip();
            sendBinary(b);
            if (samples.length == 0) break;
        }
        return utterance;
    }

    /**
     * Names the audio of a remote stream: frames of that stream carry {@code name} as their source. The key is a
     * stream id, or {@code mid:<mid>} for the track received on that transceiver; a key may be renamed as a
     * platform moves people between its audio slots.
     */
    public void nameSource(String key, String name) { sourceNames.put(key, name); }

    /** A PNG of the page as it looks now, taken on the browser thread. */
    public byte[] screenshot() {
        return call(p -> p.screenshot(new Page.ScreenshotOptions().setType(ScreenshotType.PNG)));
    }

    /** Streams the meeting view as JPEG {@link VideoFrame}s ({@link VideoFrame#VIEW}) to the sink. */
    public void startScreencast(VideoCapture capture) {
        run(p -> {
            CDPSession cdp = context.newCDPSession(p);
            long minGapMicros = 1_000_000L / capture.fps();
            cdp.on("Page.screencastFrame", event -> {
                JsonObject ack = new JsonObject();
                ack.addProperty("sessionId", event.get("sessionId").getAsInt());
                cdp.send("Page.screencastFrameAck", ack);
                JsonObject meta = event.getAsJsonObject("metadata");
                long micros = meta.has("timestamp") ? Math.round(meta.get("timestamp").getAsDouble() * 1e6)
                        : System.currentTimeMillis() * 1000;
                if (micros - lastVideoMicros < minGapMicros) return;
                lastVideoMicros = micros;
                byte[] jpeg = Base64.getDecoder().decode(event.get("data").getAsString());
                int[] size = Jpeg.size(jpeg).orElse(new int[]{capture.width(), capture.height()});
                spec.sink().video(new VideoFrame(VideoFrame.VIEW, micros, size[0], size[1], "jpeg", jpeg));
            });
            JsonObject params = new JsonObject();
            params.addProperty("format", "jpeg");
            params.addProperty("quality", 70);
            params.addProperty("maxWidth", capture.width());
            params.addProperty("maxHeight", capture.height());
            cdp.send("Page.startScreencast", params);
            host.screencasts.incrementAndGet();
            screencasting = true;
        });
    }

    private volatile boolean screencasting;

    public boolean failed() { return failed.get(); }

    /** Closes the bot's context (its page, media and connections). Never throws. */
    @Override public void close() {
        if (!closed.compareAndSet(false, true)) return;
        bridge.unregister(this);
        WebSocket c = connection;
        if (c != null) c.close();
        if (screencasting) host.screencasts.decrementAndGet();
        BrowserContext ctx = context;
        host.release(this);
        if (host.alive() && ctx != null) {
            host.submit(() -> {
                try {
                    ctx.close();
                } catch (PlaywrightException e) {
                    // The browser may be going down at the same time; the context goes with it.
                    return e.getMessage();
                }
                return null;
            });
        }
    }

    // ---- runtime side ----------------------------------------------------------------------------------------

    void attach(BrowserContext context, Page page) {
        this.context = context;
        this.page = page;
    }

    void bridgeCredentials(String key, String secret) {
        this.key = key;
        this.secret = secret;
    }

    String bridgeKey() { return key; }

    String bridgeSecret() { return secret; }

    BotPageSpec spec() { return spec; }

    void fail(String reason) {
        if (closed.get() || !failed.compareAndSet(false, true)) return;
        spec.listener().failed(reason);
    }

    void pageError(String message) { fail(message); }

    void connected(WebSocket conn) {
        channelStreams.clear(); // a new document numbers its tracks afresh
        channelMids.clear();
        List<ByteBuffer> backlog;
        synchronized (unsent) {
            connection = conn;
            backlog = new ArrayList<>(unsent);
            unsent.clear();
        }
        for (ByteBuffer b : backlog) conn.send(b);
    }

    void disconnected(WebSocket conn) {
        synchronized (unsent) {
            if (connection == conn) connection = null;
        }
    }

    private void sendBinary(ByteBuffer b) {
        synchronized (unsent) {
            WebSocket c = connection;
            if (c != null && c.isOpen()) {
                try {
                    c.send(b);
                    return;
                } catch (WebsocketNotConnectedException e) {
                    connection = null;
                }
            }
            unsent.add(b);
        }
    }

    void controlMessage(JsonNode m) {
        switch (m.path("t").asText()) {
            case "track" -> {
                channelStreams.put(m.path("ch").asInt(), m.path("streamId").asText());
                if (m.hasNonNull("mid")) channelMids.put(m.path("ch").asInt(), m.path("mid").asText());
            }
            // the mapping stays: the page never reuses a channel, and the last frames of an ended track, still on
            // their way, must keep their participant's name instead of landing in an unnamed track of their own
            case "track-ended" -> { }
            case "mic-started" -> spec.listener().speechStarted(m.path("utt").asInt(), m.path("at").asLong());
            case "report" -> spec.listener().report(m.path("kind").asText(), m.path("data"), m.path("at").asLong());
            default -> { }
        }
    }

    void audioFrame(int channel, long micros, short[] samples) {
        spec.sink().audio(new AudioFrame(sourceOf(channel), micros, 16_000, samples));
    }

    private String sourceOf(int channel) {
        if (channel == 0) return AudioFrame.MIX;
        String mid = channelMids.get(channel);
        String byMid = mid == null ? null : sourceNames.get("mid:" + mid);
        if (byMid != null) return byMid;
        String stream = channelStreams.get(channel);
        if (stream == null) return "track-" + channel;
        return Optional.ofNullable(sourceNames.get(stream)).orElse(stream);
    }
}
