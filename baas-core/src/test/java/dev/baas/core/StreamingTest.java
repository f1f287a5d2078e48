package dev.baas.core;

import dev.baas.core.streaming.Pcm;
import dev.baas.core.webhook.UrlGuard;
import dev.baas.spi.AudioFrame;
import dev.baas.spi.BaasException;
import dev.baas.spi.BotConfig;
import dev.baas.spi.MeetingEvent;
import dev.baas.spi.Participant;
import dev.baas.spi.Streaming;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/** The v1 streaming protocol against a real WebSocket server on loopback. */
class StreamingTest {
    @TempDir Path dir;
    final FakePlatform platform = new FakePlatform();
    final EventLog log = new EventLog();
    Peer peer;
    Baas baas;

    /** The user's side: records what the bot sends and can send audio back. */
    static final class Peer extends WebSocketServer {
        final LinkedBlockingQueue<Object> got = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<WebSocket> connections = new LinkedBlockingQueue<>();
        final AtomicInteger opened = new AtomicInteger();

        Peer() { super(new InetSocketAddress("127.0.0.1", 0)); setReuseAddr(true); }

        @Override public void onOpen(WebSocket c, ClientHandshake h) { opened.incrementAndGet(); connections.add(c); }
        @Override public void onClose(WebSocket c, int code, String reason, boolean remote) {}
        @Override public void onMessage(WebSocket c, String message) { got.add(message); }
        @Override public void onMessage(WebSocket c, ByteBuffer bytes) { got.add(bytes); }
        @Override public void onError(WebSocket c, Exception e) {}
        @Override public void onStart() {}

        String url() { return "ws://127.0.0.1:" + getPort() + "/stream"; }

        Object next() throws InterruptedException {
            Object o = got.poll(10, TimeUnit.SECONDS);
            if (o == null) throw new AssertionError("nothing received from the bot");
            return o;
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (baas != null) baas.close();
        if (peer != null) peer.stop(1000);
    }

    FakePlatform.FakeSession recordingBot(java.util.function.Function<String, Streaming> streaming) throws Exception {
        peer = new Peer();
        peer.start();
        waitStarted();
        baas = Baas.builder().platform(platform).dataDirectory(dir).urlGuard(new UrlGuard(true)).build();
        baas.onEvent(log);
        botId = baas.join(BotConfig.builder("https://fake.test/r", "Bot").streaming(streaming.apply(peer.url())).build());
        FakePlatform.FakeSession s = platform.awaitSession();
        s.emit(new MeetingEvent.Admitted(Instant.now()));
        log.awaitStatus(dev.baas.spi.BotStatusCode.IN_CALL_RECORDING);
        return s;
    }

    UUID botId;

    void waitStarted() throws InterruptedException {
        for (int i = 0; i < 500 && peer.getPort() == 0; i++) synchronized (this) { wait(10); } // the server binds asynchronously
        assertTrue(peer.getPort() > 0);
    }

    static short[] tone(int samples, int amplitude) {
        short[] s = new short[samples];
        for (int i = 0; i < samples; i++) s[i] = (short) (amplitude * Math.sin(2 * Math.PI * 440 * i / 16_000.0));
        return s;
    }

    /** 20 ms capture frames: 0.5 s silence, 0.5 s tone, 0.5 s silence. */
    static List<AudioFrame> speech() {
        List<AudioFrame> frames = new ArrayList<>();
        long t = System.currentTimeMillis() * 1000;
        for (int i = 0; i < 75; i++) {
            int amp = i >= 25 && i < 50 ? 8000 : 0;
            frames.add(new AudioFrame(AudioFrame.MIX, t + i * 20_000L, 16_000, tone(320, amp)));
        }
        return frames;
    }

    @Test
    void outputSendsTheHandshakeThenPcmThatFollowsTheMeetingsEnergyAtTheAskedRate() throws Exception {
        FakePlatform.FakeSession s = recordingBot(url -> new Streaming(Optional.of(url), Optional.empty(), 24_000));
        String hello = (String) peer.next();
        assertTrue(hello.contains("\"protocol_version\":1"), hello);
        assertTrue(hello.contains(botId.toString()), hello);
        assertTrue(hello.contains("\"offset\""), hello);
        speech().forEach(s.context.media()::audio);
        List<Double> energy = new ArrayList<>();
        while (energy.size() < 75) {
            Object o = peer.next();
            if (o instanceof ByteBuffer b) {
                assertEquals(480 * 2, b.remaining(), "20 ms of 24 kHz mono 16-bit");
                energy.add(Pcm.rms(Pcm.fromBytes(b)));
            }
        }
        for (int i = 0; i < 75; i++) {
            boolean loud = i >= 25 && i < 50;
            if (i == 25 || i == 50) continue; // edges straddle the resampler's boundary
            assertEquals(loud, energy.get(i) > 1000, "frame " + i + " rms " + energy.get(i));
        }
    }

    @Test
    void speakerChangesGoOutAsJsonTextFrames() throws Exception {
        FakePlatform.FakeSession s = recordingBot(url -> new Streaming(Optional.of(url), Optional.empty(), 16_000));
        peer.next(); // handshake
        s.emit(new MeetingEvent.ActiveSpeaker(Instant.ofEpochMilli(1_700_000_000_123L), Participant.of("p1", "Alice"), true));
        String update = (String) peer.next();
        assertEquals("[{\"name\":\"Alice\",\"id\":1,\"timestamp\":1700000000123,\"isSpeaking\":true}]", update);
    }

    @Test
    void inputPcmIsPlayedIntoTheMeetingAndGarbageIsDroppedAndCounted() throws Exception {
        FakePlatform.FakeSession s = recordingBot(url -> new Streaming(Optional.of(url), Optional.of(url), 16_000));
        peer.next(); // handshake
        WebSocket conn = peer.connections.poll(10, TimeUnit.SECONDS);
        conn.send(new byte[]{1, 2, 3});                  // odd length: not 16-bit PCM
        conn.send(new byte[3 * 48_000 * 2]);             // three seconds in one frame: too big
        conn.send(Pcm.toBytes(tone(320, 5000)));
        short[] heard = s.spoken.poll(10, TimeUnit.SECONDS);
        assertNotNull(heard, "the bot spoke what the stream sent");
        assertEquals(320, heard.length);
        var stats = baas.streamStats(botId).orElseThrow();
        assertEquals(2, stats.framesRejected());
        assertEquals(1, stats.framesReceived());
    }

    @Test
    void aDroppedStreamReconnectsWithoutEndingTheBot() throws Exception {
        recordingBot(url -> new Streaming(Optional.of(url), Optional.empty(), 16_000));
        peer.next();
        peer.connections.poll(10, TimeUnit.SECONDS).close();
        Object again = peer.next();
        assertTrue(again instanceof String h && h.contains("protocol_version"), "a new handshake after reconnecting");
        assertEquals(2, peer.opened.get());
        assertTrue(log.all().stream().noneMatch(Baas::isFinal));
        log.await(e -> e instanceof BotEvent.StreamState st && st.state().equals("disconnected"));
    }

    @Test
    void anUnreachableStreamIsReportedButTheRecordingGoesOn() throws Exception {
        FakePlatform.FakeSession s = recordingBot(url -> new Streaming(Optional.of("ws://127.0.0.1:1/nothing"), Optional.empty(), 16_000));
        log.await(e -> e instanceof BotEvent.StreamState st && st.state().equals("disconnected"));
        s.emit(new MeetingEvent.MeetingEnded(Instant.now()));
        log.await(BotEvent.Completed.class);
    }

    @Test
    void streamingUrlsMustBeWebSocketsAndNotPrivateByDefault() {
        try (Baas strict = Baas.builder().platform(platform).dataDirectory(dir).build()) {
            BaasException e = assertThrows(BaasException.class, () -> strict.join(BotConfig.builder("https://fake.test/r", "Bot")
                    .streaming(new Streaming(Optional.of("ws://127.0.0.1:9/x"), Optional.empty(), 16_000)).build()));
            assertEquals("streaming.output", e.violations().getFirst().field());
            e = assertThrows(BaasException.class, () -> strict.join(BotConfig.builder("https://fake.test/r", "Bot")
                    .streaming(new Streaming(Optional.of("http://example.com/x"), Optional.empty(), 16_000)).build()));
            assertEquals("streaming.output", e.violations().getFirst().field());
        }
    }

    @Test
    void perParticipantStreamsAreOffByDefaultAndTaggedWhenTheOutputUrlAsks() throws Exception {
        FakePlatform.FakeSession s = recordingBot(url -> new Streaming(Optional.of(url + "?baas_per_participant=1"), Optional.empty(), 16_000));
        String hello = (String) peer.next();
        assertTrue(hello.contains("\"per_participant\":true"), hello);
        long t = System.currentTimeMillis() * 1000;
        s.context.media().audio(new AudioFrame("alice", t, 16_000, tone(320, 8000)));
        s.context.media().audio(new AudioFrame(AudioFrame.MIX, t, 16_000, tone(320, 4000)));
        assertEquals("{\"stream\":{\"id\":1,\"source\":\"alice\"}}", peer.next());
        ByteBuffer alice = (ByteBuffer) peer.next();
        ByteBuffer mix = (ByteBuffer) peer.next();
        assertEquals(2 + 640, alice.remaining(), "a uint16 stream id, then 20 ms of 16 kHz PCM");
        assertEquals(1, alice.order(java.nio.ByteOrder.LITTLE_ENDIAN).getShort(0));
        assertEquals(0, mix.order(java.nio.ByteOrder.LITTLE_ENDIAN).getShort(0));
        double aliceRms = Pcm.rms(Pcm.fromBytes(alice.position(2))), mixRms = Pcm.rms(Pcm.fromBytes(mix.position(2)));
        assertTrue(aliceRms > 1.5 * mixRms, "each stream carries its own audio: " + aliceRms + " vs " + mixRms);
    }

    @Test
    void withoutTheQueryParameterOnlyTheUntaggedMixIsSent() throws Exception {
        FakePlatform.FakeSession s = recordingBot(url -> new Streaming(Optional.of(url), Optional.empty(), 16_000));
        assertFalse(((String) peer.next()).contains("per_participant"));
        long t = System.currentTimeMillis() * 1000;
        s.context.media().audio(new AudioFrame("alice", t, 16_000, tone(320, 8000)));
        s.context.media().audio(new AudioFrame(AudioFrame.MIX, t, 16_000, tone(320, 4000)));
        ByteBuffer first = (ByteBuffer) peer.next();
        assertEquals(640, first.remaining(), "plain v1 PCM, no tag");
        assertEquals(4000, Pcm.rms(Pcm.fromBytes(first)) * Math.sqrt(2), 100, "the mix, not Alice's track");
    }

    @Test
    void embeddersGetTheAudioInProcess() throws Exception {
        FakePlatform.FakeSession s = recordingBot(url -> new Streaming(Optional.of(url), Optional.empty(), 16_000));
        LinkedBlockingQueue<AudioFrame> got = new LinkedBlockingQueue<>();
        baas.audio(botId).subscribe(new java.util.concurrent.Flow.Subscriber<>() {
            @Override public void onSubscribe(java.util.concurrent.Flow.Subscription sub) { sub.request(Long.MAX_VALUE); }
            @Override public void onNext(AudioFrame f) { got.add(f); }
            @Override public void onError(Throwable t) {}
            @Override public void onComplete() {}
        });
        AudioFrame f = speech().get(30);
        s.context.media().audio(f);
        assertSame(f, got.poll(10, TimeUnit.SECONDS));
    }
}
