package dev.baas.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The meeting pages' signalling WebSocket, {@code /room/<id>}: joins, WebRTC offers, speaking flags, chat.
 * Room work runs on one thread of its own, never on the socket threads: the socket library calls {@code onClose}
 * holding the connection's lock, and a room that holds its own lock while closing a connection would deadlock.
 */
final class Signaling extends WebSocketServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Room> rooms;
    private final ExecutorService roomWork = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("sandbox-rooms").daemon(true).factory());
    private final CountDownLatch started = new CountDownLatch(1);

    Signaling(Map<String, Room> rooms) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.rooms = rooms;
        setReuseAddr(true);
        setDaemon(true);
    }

    void startAndWait() {
        start();
        try {
            if (!started.await(10, TimeUnit.SECONDS)) throw new BaasException(ErrorCode.UNAVAILABLE, "signalling did not start");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BaasException(ErrorCode.UNAVAILABLE, "interrupted while starting signalling", e);
        }
    }

    String url() { return "ws://127.0.0.1:" + getPort(); }

    @Override public void onOpen(WebSocket conn, ClientHandshake handshake) {
        String path = handshake.getResourceDescriptor();
        Room room = path.startsWith("/room/") ? rooms.get(path.substring(6)) : null;
        if (room == null) {
            conn.send("{\"t\":\"not-found\"}");
            conn.close();
            return;
        }
        conn.setAttachment(room);
        roomWork.execute(() -> room.connected(conn));
    }

    @Override public void onMessage(WebSocket conn, String message) {
        Room room = conn.getAttachment();
        if (room == null) return;
        JsonNode m;
        try {
            m = JSON.readTree(message);
        } catch (IOException e) {
            conn.close(1003, "not JSON");
            return;
        }
        if ("join".equals(m.path("t").asText())) roomWork.execute(() -> room.join(conn, m));
        else roomWork.execute(() -> room.message(conn, m));
    }

    @Override public void onMessage(WebSocket conn, ByteBuffer message) { conn.close(1003, "text only"); }

    @Override public void onClose(WebSocket conn, int code, String reason, boolean remote) {
        Room room = conn.getAttachment();
        if (room != null) roomWork.execute(() -> room.gone(conn));
    }

    @Override public void onError(WebSocket conn, Exception ex) {
        if (conn == null) started.countDown();
    }

    @Override public void onStart() { started.countDown(); }

    @Override public void stop(int timeout) throws InterruptedException {
        super.stop(timeout);
        roomWork.shutdown();
    }
}
