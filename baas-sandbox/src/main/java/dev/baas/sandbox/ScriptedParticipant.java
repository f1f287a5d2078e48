package dev.baas.sandbox;

import dev.baas.browser.BotPage;
import dev.baas.browser.BotPageListener;
import dev.baas.browser.BotPageSpec;
import dev.baas.browser.BrowserRuntime;
import dev.baas.browser.Pcm;
import dev.baas.spi.AudioFrame;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.MediaSink;
import dev.baas.spi.VideoFrame;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A sandbox participant: a real Chromium page in the participants' browser that joins the meeting, shows its name
 * on a camera tile, speaks PCM through its microphone and records how loud the meeting sounds to it.
 */
final class ScriptedParticipant implements MediaSink, BotPageListener, AutoCloseable {
    private static final long KEEP_MICROS = 10 * 60 * 1_000_000L;

    final String name;
    private final BotPage page;
    private final ConcurrentLinkedDeque<Heard.Level> heard = new ConcurrentLinkedDeque<>();
    private final Map<Integer, CompletableFuture<Long>> started = new ConcurrentHashMap<>();

    ScriptedParticipant(String name, BrowserRuntime browser) {
        this.name = name;
        this.page = browser.open(BotPageSpec.of(name, this, this));
    }

    void join(String meetingUrl, String hostKey) {
        String url = meetingUrl + "?autojoin=1&recv_video=0&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                + "&key=" + hostKey;
        page.run(p -> p.navigate(url));
    }

    Utterance say(String text, short[] pcm, int rate) {
        int utterance = page.speak(pcm, rate);
        try {
            long at = started.computeIfAbsent(utterance, u -> new CompletableFuture<>()).get(15, TimeUnit.SECONDS);
            return new Utterance(name, text, instant(at), Duration.ofMillis(pcm.length * 1000L / rate));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BaasException(ErrorCode.INTERNAL, "interrupted while " + name + " spoke", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new BaasException(ErrorCode.UNAVAILABLE, name + "'s microphone did not start playing", e);
        } finally {
            started.remove(utterance);
        }
    }

    Utterance say(String text) {
        Pcm.Wav wav = Speech.synthesize(text);
        return say(text, wav.samples(), wav.sampleRate());
    }

    void chat(String text) {
        page.run(p -> {
            p.fill("#chat-input", text);
            p.click("#chat-send");
        });
    }

    void leave() { page.run(p -> p.click("#leave")); }

    Heard heardSince(Instant since) {
        return new Heard(heard.stream().filter(l -> !l.at().isBefore(since)).toList());
    }

    @Override public void speechStarted(int utterance, long atMicros) {
        started.computeIfAbsent(utterance, u -> new CompletableFuture<>()).complete(atMicros);
    }

    @Override public void audio(AudioFrame frame) {
        if (!frame.isMix()) return;
        heard.add(new Heard.Level(instant(frame.timestampMicros()), Pcm.rms(frame.samples())));
        Heard.Level first;
        while ((first = heard.peekFirst()) != null
                && frame.timestampMicros() - micros(first.at()) > KEEP_MICROS) heard.pollFirst();
    }

    @Override public void video(VideoFrame frame) {}

    @Override public void close() { page.close(); }

    static Instant instant(long micros) { return Instant.ofEpochSecond(0, micros * 1000); }

    static long micros(Instant at) { return at.getEpochSecond() * 1_000_000 + at.getNano() / 1000; }
}
