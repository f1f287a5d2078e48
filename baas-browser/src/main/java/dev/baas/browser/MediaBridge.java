package dev.baas.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The loopback WebSocket every bot page connects to: PCM frames and reports come in, microphone PCM goes out.
 * Each page proves who it is with a per-bot secret in the URL, so another local process cannot inject audio.
 */
final class MediaBridge extends WebSocketServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, BotPage> pages = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Exception startFailure;

    MediaBridge() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
        setDaemon(true);
        setConnectionLostTimeout(0);
    }

    void startAndWait() {
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS) || startFailure != null)
                throw new BaasException(ErrorCode.UNAVAILABLE, "media bridge did not start", startFailure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BaasException(ErrorCode.UNAVAILABLE, "interrupted while starting the media bridge", e);
        }
    }

    /** Registers a page and returns the URL its script connects to. */
    String register(BotPage page) {
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        String key = UUID.randomUUID().toString();
        page.bridgeCredentials(key, HexFormat.of().formatHex(secret));
        pages.put(key, page);
        return "ws://127.0.0.1:" + getPort() + "/bot/" + key + "?s=" + page.bridgeSecret();
    }

    void unregister(BotPage page) {
        if (page.bridgeKey() != null) pages.remove(page.bridgeKey());
    }

    @Override public void onOpen(WebSocket conn, ClientHandshake handshake) {
        URI uri = URI.create(handshake.getResourceDescriptor());
        String path = uri.getPath() == null ? "" : uri.getPath();
        String key = path.startsWith("/bot/") ? path.substring(5) : "";
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        String secret = query.startsWith("s=") ? query.substring(2) : "";
        BotPage page = pages.get(key);
        if (page == null || !MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                page.bridgeSecret().getBytes(StandardCharsets.UTF_8))) {
            conn.close(1008, "unknown bot or wrong secret");
            return;
        }
        conn.setAttachment(page);
        page.connected(conn);
    }

    @Override public void onMessage(WebSocket conn, String message) {
        BotPage page = conn.getAttachment();
        if (page == null) return;
        JsonNode m;
        try {
            m = JSON.readTree(message);
        } catch (java.io.IOException e) {
            page.pageError("unreadable message from page: " + e.getMessage());
            return;
        }
        page.controlMessage(m);
    }

    /** Binary from the page: [u8 kind=1][u8][u16 channel][f64 epoch micros] then Int16 LE samples at 16 kHz. */
    @Override public void onMessage(WebSocket conn, ByteBuffer bytes) {
        BotPage page = conn.getAttachment();
        if (page == null || bytes.remaining() < 12) return;
        ByteBuffer b = bytes.order(ByteOrder.LITTLE_ENDIAN);
        int start = b.position();
        if (b.get(start) != 1) return;
        int channel = Short.toUnsignedInt(b.getShort(start + 2));
        long micros = Math.round(b.getDouble(start + 4));
        short[] samples = new short[(b.remaining() - 12) / 2];
        b.position(start + 12);
        b.asShortBuffer().get(samples);
        page.audioFrame(channel, micros, samples);
    }

    @Override public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        BotPage page = conn.getAttachment();
        if (page != null) page.disconnected(conn);
    }

    @Override public void onError(WebSocket conn, Exception ex) {
        if (conn == null) {
            startFailure = ex;
            started.countDown();
        }
    }

    @Override public void onStart() { started.countDown(); }
}
