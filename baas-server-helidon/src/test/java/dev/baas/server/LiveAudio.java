package dev.baas.server;

import dev.baas.browser.Pcm;
import dev.baas.sandbox.Heard;
import dev.baas.sandbox.SandboxService;
import dev.baas.sandbox.Utterance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Live audio through the HTTP API, measured at both ends: what the user's socket got and what a participant heard. */
final class LiveAudio {
    /** A PCM frame louder than this (16-bit RMS, 1 % of full scale as {@link Heard#VOICE_RMS}) carries voice. */
    static final double VOICED_RMS = Heard.VOICE_RMS * Short.MAX_VALUE;
    static final Duration WAIT = Duration.ofSeconds(60);

    private LiveAudio() {}

    /** A bot in a sandbox meeting, streaming to its peer. */
    record Bot(String id, String meetingId, StreamPeer peer, String handshake) {}

    /** Creates a sandbox meeting with {@code participant} and sends a bot to it whose streams point at {@code peer}. */
    static Bot join(ApiClient api, SandboxService sandbox, StreamPeer peer, String participant, String outputQuery)
            throws InterruptedException {
        SandboxService.CreatedMeeting meeting = sandbox.create("{\"participants\":[{\"name\":\"" + participant + "\",\"says\":[]}]}");
        ApiClient.Response joined = api.post("/bots", "{\"meeting_url\":\"" + meeting.meetingUrl()
                + "\",\"bot_name\":\"Listener\",\"recording_mode\":\"audio_only\",\"streaming\":{\"output\":\"" + peer.outputUrl() + outputQuery
                + "\",\"input\":\"" + peer.inputUrl() + "\",\"audio_frequency\":\"24khz\"}}");
        if (joined.status() != 200) throw new AssertionError("join: " + joined);
        StreamPeer.Received hello = peer.next(WAIT);
        if (!(hello instanceof StreamPeer.Text t)) throw new AssertionError("the first frame must be the handshake: " + hello);
        return new Bot(joined.json().get("bot_id").asText(), meeting.id(), peer, t.text());
    }

    /** Words spoken with espeak-ng, as scripted participants speak, and where the voice starts in them. */
    record Speech(String text, short[] pcm, int rate, Duration voiceStart) {
        static Speech of(String text) throws Exception {
            Process p = new ProcessBuilder("espeak-ng", "-v", "en-us", "-s", "150", "--stdout", text)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Pcm.Wav wav = Pcm.readWav(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError("espeak-ng failed");
            int frame = wav.sampleRate() / 50;
            int first = 0;
            while (first + frame <= wav.samples().length
                    && dev.baas.core.streaming.Pcm.rms(Arrays.copyOfRange(wav.samples(), first, first + frame)) <= VOICED_RMS) first += frame;
            return new Speech(text, wav.samples(), wav.sampleRate(), Duration.ofMillis(first * 1000L / wav.sampleRate()));
        }
    }

    /** What the socket got around one utterance. */
    record Spoken(Instant asked, Utterance utterance, Duration voiceStart, List<StreamPeer.Audio> before,
                  List<StreamPeer.Audio> after) {
        /** When the voice (not the synthesiser's leading silence) started playing into the meeting. */
        Instant voiceOnset() { return utterance.onset().plus(voiceStart); }

        Optional<Instant> firstVoiced() {
            return after.stream().filter(a -> a.rms() > VOICED_RMS).map(StreamPeer.Audio::arrived).findFirst();
        }

        long voicedFrames() { return after.stream().filter(a -> a.rms() > VOICED_RMS).count(); }

        /** Speech onset (voice started playing at the participant) to the first voiced frame at the user's socket. */
        Optional<Duration> mouthToSocket() { return firstVoiced().map(t -> Duration.between(voiceOnset(), t)); }
    }

    /**
     * Lets the output run for {@code quiet}, then has {@code participant} say the speech, and collects what the
     * socket got until {@code tail} after the utterance ended.
     */
    static Spoken speak(SandboxService sandbox, Bot bot, String participant, Speech speech, Duration quiet, Duration tail)
            throws InterruptedException {
        List<StreamPeer.Audio> before = collectUntil(bot.peer(), Instant.now().plus(quiet));
        Instant asked = Instant.now();
        Utterance u = sandbox.play(bot.meetingId(), participant, speech.pcm(), speech.rate());
        return new Spoken(asked, u, speech.voiceStart(), before, collectUntil(bot.peer(), u.end().plus(tail)));
    }

    /** Audio frames that arrive until {@code end} (text frames are skipped). */
    static List<StreamPeer.Audio> collectUntil(StreamPeer peer, Instant end) throws InterruptedException {
        List<StreamPeer.Audio> got = new ArrayList<>();
        while (true) {
            StreamPeer.Received r = peer.next(Duration.ofSeconds(10));
            if (r instanceof StreamPeer.Audio a) got.add(a);
            if (r.arrived().isAfter(end)) return got;
        }
    }

    /** When {@code participant} first heard voice after {@code since}, waiting up to {@code timeout} for it. */
    static Optional<Instant> heardAfter(SandboxService sandbox, String meetingId, String participant, Instant since, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<Instant> first = sandbox.heard(meetingId, participant, since).firstVoiced();
            if (first.isPresent()) return first;
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // the participant's levels are read, not pushed
        }
        return Optional.empty();
    }
}
