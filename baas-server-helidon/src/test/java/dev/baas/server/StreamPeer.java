package dev.baas.server;

import dev.baas.core.streaming.Pcm;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The user's side of a bot's live audio, as a user would run it: a WebSocket server on loopback that the bot
 * connects out to, on {@code /out} (handshake, PCM, speaker frames arrive here, stamped on arrival) and on
 * {@code /in} (PCM sent here is played into the meeting).
 */
final class StreamPeer extends WebSocketServer {
    /** What arrived on the output: a text frame, or a PCM frame and its loudness. */
    sealed interface Received permits Text, Audio {
        Instant arrived();
    }

    record Text(Instant arrived, String text) implements Received {}

    record Audio(Instant arrived, int bytes, double rms) implements Received {}

    final LinkedBlockingQueue<Received> output = new LinkedBlockingQueue<>();
    private final CompletableFuture<WebSocket> input = new CompletableFuture<>();
    private final CompletableFuture<Integer> started = new CompletableFuture<>();
    private final AtomicInteger outputConnections = new AtomicInteger();

    private StreamPeer() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
        setConnectionLostTimeout(0);
    }

    static StreamPeer listen() {
        StreamPeer p = new StreamPeer();
        p.start();
        p.started.join();
        return p;
    }

    String outputUrl() { return "ws://127.0.0.1:" + getPort() + "/out"; }

    String inputUrl() { return "ws://127.0.0.1:" + getPort() + "/in"; }

    /** The next thing the bot sent on the output, or a failure after {@code timeout}. */
    Received next(Duration timeout) throws InterruptedException {
        Received r = output.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (r == null) throw new AssertionError("nothing arrived from the bot on the output stream within " + timeout);
        return r;
    }

    /** The bot's input connection, once it has connected. */
    WebSocket input(Duration timeout) throws Exception {
        return input.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Sends {@code duration} of a 440 Hz tone at {@code rate} Hz on the input, one 20 ms frame every 20 ms, as a
     * live source would; returns when the first frame was sent and a future done after the last.
     */
    static Sending sendTone(WebSocket to, int rate, Duration duration, ScheduledExecutorService clock) {
        int frames = (int) (duration.toMillis() / 20);
        int perFrame = rate / 50;
        AtomicInteger n = new AtomicInteger();
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Instant> first = new CompletableFuture<>();
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        task[0] = clock.scheduleAtFixedRate(() -> {
            int i = n.getAndIncrement();
            if (i >= frames) {
                done.complete(null);
                task[0].cancel(false);
                return;
            }
            short[] s = new short[perFrame];
            for (int k = 0; k < perFrame; k++)
                s[k] = (short) (8000 * Math.sin(2 * Math.PI * 440 * (i * perFrame + k) / rate));
            if (i == 0) first.complete(Instant.now());
            to.send(Pcm.toBytes(s));
        }, 0, 20, TimeUnit.MILLISECONDS);
        return new Sending(first.join(), done);
    }

    record Sending(Instant firstSent, CompletableFuture<Void> done) {}

    static ScheduledExecutorService pacer() {
        return Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("stream-peer-pacer").daemon(true).factory());
    }

    int outputConnections() { return outputConnections.get(); }

    @Override public void onOpen(WebSocket c, ClientHandshake h) {
        String path = h.getResourceDescriptor();
        c.setAttachment(path);
        if (path.startsWith("/in")) input.complete(c);
        else outputConnections.incrementAndGet();
    }

    @Override public void onMessage(WebSocket c, String message) {
        if (isOutput(c)) output.add(new Text(Instant.now(), message));
    }

    @Override public void onMessage(WebSocket c, ByteBuffer bytes) {
        if (isOutput(c)) output.add(new Audio(Instant.now(), bytes.remaining(), Pcm.rms(Pcm.fromBytes(bytes))));
    }

    private static boolean isOutput(WebSocket c) { return !String.valueOf((Object) c.getAttachment()).startsWith("/in"); }

    @Override public void onClose(WebSocket c, int code, String reason, boolean remote) {}

    @Override public void onError(WebSocket c, Exception e) {
        if (c == null) started.completeExceptionally(e);
    }

    @Override public void onStart() { started.complete(getPort()); }

    void stopQuietly() {
        try {
            stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
