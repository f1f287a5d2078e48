package dev.baas.core.media;

import dev.baas.spi.AudioFrame;
import dev.baas.spi.MeetingArtifacts;
import dev.baas.spi.RecordingMode;
import dev.baas.spi.VideoFrame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recording's timeline and files, driven only by the frames' timestamps: time starts at the first frame, a
 * pause is cut out, audio gaps become silence and the video repeats its last picture until a new one is due.
 * Runs on one thread; a picture is encoded only once {@link #RENDER_DELAY_MICROS} of later media has arrived, so
 * frames and speaker changes that come a little late still land at their own time.
 */
final class Encoder {
    static final long RENDER_DELAY_MICROS = 200_000;
    /** A frame this far past everything before it means the capture stalled or its clock jumped: cut, don't fill. */
    static final long MAX_GAP_MICROS = 60_000_000;

    private final Path dir;
    private final RecordingMode mode;
    private final RecordingSettings settings;
    private final Stage stage = new Stage();
    private final Layout layout;
    private final Map<String, Track> participants = new LinkedHashMap<>();
    private final List<Work.Speaker> early = new ArrayList<>();
    private Canvas canvas;
    private FfmpegOutput encoded;
    private WavWriter mixWav;
    private AudioTimeline mix;
    private boolean started;
    private boolean resync;
    private long segmentMedia;
    private long segmentOut;
    private long watermark;
    private long nextFrame;
    private long lastEncoded = -1;
    private Object painted;
    private volatile long encodedFrames;
    private volatile long encodedMicros;
    private volatile long badFrames;

    private record Track(Path file, WavWriter wav, AudioTimeline timeline) {}

    Encoder(Path dir, RecordingMode mode, RecordingSettings settings) {
        this.dir = dir;
        this.mode = mode;
        this.settings = settings;
        this.layout = Layout.of(mode);
    }

    private boolean video() { return mode != RecordingMode.AUDIO_ONLY; }

    void handle(Work work) throws IOException {
        switch (work) {
            case Work.Audio a -> audio(a.frame());
            case Work.Video v -> video(v.frame());
            case Work.Speaker s -> speaker(s);
            case Work.Resume r -> resume();
            case Work.End e -> { }
        }
    }

    private void audio(AudioFrame f) throws IOException {
        if (f.sampleRate() <= 0 || f.samples().length == 0) return;
        start(f.timestampMicros());
        long at = toTimeline(f.timestampMicros());
        short[] samples = AudioTimeline.resample(f.samples(), f.sampleRate(), settings.sampleRate());
        if (f.isMix()) {
            mix.place(at, samples);
        } else {
            stage.heard(f.source());
            track(f.source()).timeline().place(at, samples);
        }
        advanceTo(at + samples.length * 1_000_000L / settings.sampleRate());
    }

    private void video(VideoFrame f) throws IOException {
        if (!video()) return;
        start(f.timestampMicros());
        long at = toTimeline(f.timestampMicros());
        stage.video(at, f);
        advanceTo(at);
    }

    /** Speaker changes said during the pause happen as the recording resumes, not later. */
    private void resume() {
        if (!started) return;
        resync = true;
        stage.bringForward(watermark);
    }

    private void speaker(Work.Speaker s) {
        if (!started || resync) { // placed once the next frame fixes where the recording goes on
            early.add(s);
            return;
        }
        stage.speaker(s.participantId(), s.name(), s.speaking(), segmentOut + s.timestampMicros() - segmentMedia);
    }

    /** Where a media timestamp falls on the recording: the first frame is 0, a resumed recording goes on from its end. */
    private long toTimeline(long mediaMicros) {
        if (!resync && segmentOut + mediaMicros - segmentMedia > watermark + MAX_GAP_MICROS) resync = true;
        if (resync) {
            segmentMedia = mediaMicros;
            segmentOut = watermark;
            resync = false;
            early.forEach(this::speaker);
            early.clear();
        }
        return segmentOut + mediaMicros - segmentMedia;
    }

    /** Opens the files at the first frame, whose time becomes the recording's 0. */
    private void start(long firstMediaMicros) throws IOException {
        if (started) return;
        Files.createDirectories(dir);
        if (video()) {
            encoded = FfmpegOutput.mp4(dir.resolve("video.mp4"), settings);
            mixWav = new WavWriter(dir.resolve("audio.wav"), settings.sampleRate());
            FfmpegOutput aac = encoded;
            WavWriter wav = mixWav;
            mix = new AudioTimeline(settings.sampleRate(), (s, off, len) -> {
                aac.write(s, off, len);
                wav.write(s, off, len);
            });
            canvas = new Canvas(settings.width(), settings.height());
        } else {
            encoded = FfmpegOutput.mp3(dir.resolve("audio.mp3"), settings);
            mix = new AudioTimeline(settings.sampleRate(), encoded);
        }
        started = true;
        segmentMedia = firstMediaMicros;
        segmentOut = 0;
        for (Work.Speaker s : early) speaker(s);
        early.clear();
    }

    private Track track(String source) throws IOException {
        Track t = participants.get(source);
        if (t == null) {
            Path file = dir.resolve("participant-" + source.replaceAll("[^A-Za-z0-9_.-]", "_") + ".wav");
            WavWriter w = new WavWriter(file, settings.sampleRate());
            t = new Track(file, w, new AudioTimeline(settings.sampleRate(), w::write));
            participants.put(source, t);
        }
        return t;
    }

    private void advanceTo(long micros) throws IOException {
        if (micros > watermark) watermark = micros;
        if (video()) encodeFramesBefore(watermark - RENDER_DELAY_MICROS + 1);
        else encodedMicros = mix.endMicros();
    }

    /**
     * Encodes every video frame whose time is before {@code endMicros}. A picture that did not change is not
     * encoded again (the player keeps showing it), except once a second so a seek or a cut file finds one soon.
     */
    private void encodeFramesBefore(long endMicros) throws IOException {
        long frame = settings.frameMicros();
        while (frameTime(nextFrame) < endMicros) {
            long t = frameTime(nextFrame);
            stage.advance(t, t + frame / 2);
            Object signature = layout.signature(stage);
            boolean changed = !signature.equals(painted);
            if (changed) {
                layout.paint(canvas, stage);
                painted = signature;
                badFrames = stage.badFrames();
            }
            if (changed || lastEncoded < 0 || nextFrame - lastEncoded >= settings.fps()) encodeFrame(nextFrame);
            nextFrame++;
            encodedMicros = frameTime(nextFrame);
        }
    }

    private void encodeFrame(long index) throws IOException {
        encoded.video(canvas.bgr(), settings.width(), settings.height(), index);
        lastEncoded = index;
        encodedFrames++;
    }

    private long frameTime(long index) { return index * 1_000_000L / settings.fps(); }

    /** Brings every track to the same end, closes the files and says what they are. */
    MeetingArtifacts finish() throws IOException {
        if (!started) return MeetingArtifacts.none();
        long end = Math.max(watermark, mix.endMicros());
        IOException failure = null;
        try {
            if (video()) {
                encodeFramesBefore(end);
                // the last picture is encoded at the last frame time, so the video lasts as long as the sound
                if (nextFrame > 0 && lastEncoded < nextFrame - 1) encodeFrame(nextFrame - 1);
            }
            mix.padTo(end);
            for (Track t : participants.values()) t.timeline().padTo(end);
        } catch (IOException e) {
            failure = e;
        }
        Map<String, Path> tracks = new LinkedHashMap<>();
        participants.forEach((id, t) -> tracks.put(id, t.file()));
        failure = closeAll(failure);
        if (failure != null) throw failure;
        encodedMicros = end;
        Path audio = video() ? dir.resolve("audio.wav") : dir.resolve("audio.mp3");
        Optional<Path> videoFile = video() ? Optional.of(dir.resolve("video.mp4")) : Optional.empty();
        return new MeetingArtifacts(videoFile, Optional.of(audio), tracks, end / 1e6);
    }

    /** Closes every file that is open, keeping the first failure and attaching the others to it. */
    IOException closeAll(IOException first) {
        IOException failure = first;
        List<AutoCloseable> open = new ArrayList<>();
        if (encoded != null) open.add(encoded);
        if (mixWav != null) open.add(mixWav);
        participants.values().forEach(t -> open.add(t.wav()));
        for (AutoCloseable c : open) {
            try {
                c.close();
            } catch (Exception e) {
                IOException io = e instanceof IOException x ? x : new IOException(e);
                if (failure == null) failure = io;
                else failure.addSuppressed(io);
            }
        }
        encoded = null;
        mixWav = null;
        participants.clear();
        stage.close();
        return failure;
    }

    long encodedFrames() { return encodedFrames; }

    long encodedMicros() { return encodedMicros; }

    long badFrames() { return badFrames; }
}
