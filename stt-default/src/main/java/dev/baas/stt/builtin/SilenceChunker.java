package dev.baas.stt.builtin;

import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Cuts a 16 kHz stream into utterance-sized chunks at pauses, so chunks can be decoded in parallel and no word is
 * split. A chunk ends at the first pause after {@code minSeconds}, or at the quietest point of its last seconds when it
 * reaches {@code maxSeconds}. The pause threshold follows the noise floor, so hiss does not count as speech.
 */
final class SilenceChunker {
    static final int RATE = 16_000;
    private static final int FRAME = RATE / 100;
    private static final int PAUSE_FRAMES = 25;
    private static final int MIN_SPEECH_FRAMES = 10;
    private static final double SPEECH_ABOVE_FLOOR_DB = 10;
    private static final double FLOOR_RISE_DB_PER_FRAME = 0.05;
    private static final double ABSOLUTE_SILENCE_DB = -60;

    /** A piece of the stream: where it starts (in samples), its samples, and whether anything in it sounded like speech. */
    record Chunk(long startSample, short[] samples, boolean hasSpeech) {
        double startSeconds() { return startSample / (double) RATE; }
    }

    private final SampleSource source;
    private final int minFrames;
    private final int maxFrames;
    private short[] buffer;
    private int length;
    private long bufferStart;
    private boolean ended;
    /** The noise floor starts low, falls at once to any quieter frame and rises 5 dB a second: speech dips to it between syllables. */
    private double floorDb = ABSOLUTE_SILENCE_DB;

    SilenceChunker(SampleSource source, double minSeconds, double maxSeconds) {
        if (source.sampleRate() != RATE) throw new IllegalArgumentException("chunker needs " + RATE + " Hz");
        this.source = source;
        this.minFrames = (int) (minSeconds * 100);
        this.maxFrames = (int) (maxSeconds * 100);
        this.buffer = new short[(maxFrames + 1) * FRAME];
    }

    /** The next chunk, or empty at the end of the stream. */
    Optional<Chunk> next() throws IOException {
        int frame = 0;
        int silentRun = 0;
        int speechFrames = 0;
        int quietestFrame = -1;
        double quietestDb = Double.MAX_VALUE;
        while (true) {
            if (!ensure((frame + 1) * FRAME)) {
                return length == 0 ? Optional.empty() : Optional.of(take(length, speechFrames));
            }
            double db = energyDb(frame * FRAME);
            floorDb = db < floorDb ? db : floorDb + FLOOR_RISE_DB_PER_FRAME;
            boolean silent = db < ABSOLUTE_SILENCE_DB || db < floorDb + SPEECH_ABOVE_FLOOR_DB;
            silentRun = silent ? silentRun + 1 : 0;
            if (!silent) speechFrames++;
            frame++;
            if (frame > maxFrames - 300 && db <= quietestDb) {
                quietestDb = db;
                quietestFrame = frame;
            }
            if (frame >= minFrames && silentRun >= PAUSE_FRAMES) return Optional.of(take(frame * FRAME, speechFrames));
            if (frame >= maxFrames) return Optional.of(take(Math.max(quietestFrame, 1) * FRAME, speechFrames));
        }
    }

    private Chunk take(int samples, int speechFrames) {
        Chunk chunk = new Chunk(bufferStart, Arrays.copyOf(buffer, samples), speechFrames >= MIN_SPEECH_FRAMES);
        System.arraycopy(buffer, samples, buffer, 0, length - samples);
        length -= samples;
        bufferStart += samples;
        return chunk;
    }

    /** Reads until the buffer holds {@code samples}; false when the stream ends first. */
    private boolean ensure(int samples) throws IOException {
        while (length < samples && !ended) {
            int n = source.read(buffer, length, buffer.length - length);
            if (n < 0) ended = true;
            else length += n;
        }
        return length >= samples;
    }

    private double energyDb(int from) {
        double sum = 0;
        for (int i = from; i < from + FRAME; i++) sum += (double) buffer[i] * buffer[i];
        double rms = Math.sqrt(sum / FRAME) / 32768.0;
        return rms < 1e-5 ? -100 : 20 * Math.log10(rms);
    }
}
