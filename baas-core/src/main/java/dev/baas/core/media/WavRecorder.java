package dev.baas.core.media;

import dev.baas.spi.AudioFrame;
import dev.baas.spi.MeetingArtifacts;
import dev.baas.spi.VideoFrame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Records the meeting's mixed audio and each participant's audio as WAV files, placed on the recording clock
 * (gaps are filled with silence so every file starts at the same instant). Video frames are ignored.
 */
public final class WavRecorder implements Recorder {
    private final Path dir;
    private final int sampleRate;
    private final Map<String, WavWriter> writers = new LinkedHashMap<>();
    private volatile boolean recording;
    private long firstMicros = -1;
    private IOException failure;

    public WavRecorder(Path dir, int sampleRate) {
        this.dir = dir;
        this.sampleRate = sampleRate;
    }

    @Override public void record(boolean on) { recording = on; }

    @Override
    public synchronized void audio(AudioFrame frame) {
        if (!recording || failure != null || frame.sampleRate() != sampleRate) return;
        try {
            if (firstMicros < 0) firstMicros = frame.timestampMicros();
            WavWriter w = writers.get(frame.source());
            if (w == null) {
                Files.createDirectories(dir);
                w = new WavWriter(dir.resolve(fileName(frame.source())), sampleRate);
                writers.put(frame.source(), w);
            }
            long expected = (frame.timestampMicros() - firstMicros) * sampleRate / 1_000_000L;
            long gap = expected - w.samplesWritten();
            if (gap > sampleRate / 50) w.writeSilence(gap); // more than 20 ms behind the clock: a real gap
            w.write(frame.samples(), 0, frame.samples().length);
        } catch (IOException e) {
            failure = e;
        }
    }

    @Override public void video(VideoFrame frame) {}

    private static String fileName(String source) {
        if (AudioFrame.MIX.equals(source)) return "audio.wav";
        return "participant-" + source.replaceAll("[^A-Za-z0-9_.-]", "_") + ".wav";
    }

    @Override
    public synchronized MeetingArtifacts finish() throws IOException {
        recording = false;
        if (failure != null) throw failure;
        Path mix = null;
        Map<String, Path> participants = new LinkedHashMap<>();
        double duration = 0;
        for (var e : writers.entrySet()) {
            WavWriter w = e.getValue();
            duration = Math.max(duration, w.samplesWritten() / (double) sampleRate);
            w.close();
            Path p = dir.resolve(fileName(e.getKey()));
            if (AudioFrame.MIX.equals(e.getKey())) mix = p;
            else participants.put(e.getKey(), p);
        }
        writers.clear();
        return new MeetingArtifacts(Optional.empty(), Optional.ofNullable(mix), participants, duration);
    }

    @Override
    public synchronized void close() {
        for (WavWriter w : writers.values()) {
            try {
                w.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        writers.clear();
    }
}
