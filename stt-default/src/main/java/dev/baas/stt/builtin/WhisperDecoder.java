package dev.baas.stt.builtin;

import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.Word;
import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;
import io.github.givimad.whisperjni.WhisperState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One whisper.cpp decoding state over a shared model. whisper-jni 1.7.1 reports times per segment only, so a segment's
 * time is shared among its words in proportion to their length.
 */
final class WhisperDecoder implements ChunkDecoder {
    private final WhisperJNI whisper;
    private final WhisperContext model;
    private final WhisperState state;

    WhisperDecoder(WhisperJNI whisper, WhisperContext model) {
        this.whisper = whisper;
        this.model = model;
        this.state = whisper.initState(model);
    }

    @Override
    public List<Word> decode(short[] samples, Optional<String> language) throws InterruptedException {
        if (Thread.interrupted()) throw new InterruptedException("transcription cancelled");
        float[] audio = new float[samples.length];
        for (int i = 0; i < samples.length; i++) audio[i] = samples[i] / 32768f;
        WhisperFullParams params = new WhisperFullParams(WhisperSamplingStrategy.GREEDY);
        params.nThreads = 1;
        params.language = language.orElse("auto");
        params.printProgress = false;
        params.printRealtime = false;
        params.printTimestamps = false;
        int rc = whisper.fullWithState(model, state, params, audio, audio.length);
        if (rc != 0) throw new BaasException(ErrorCode.PROVIDER_ERROR, "whisper.cpp failed to decode (code " + rc + ")");
        List<Word> words = new ArrayList<>();
        for (int s = 0; s < whisper.fullNSegmentsFromState(state); s++) {
            splitSegment(whisper.fullGetSegmentTextFromState(state, s),
                    whisper.fullGetSegmentTimestamp0FromState(state, s) / 100.0,
                    whisper.fullGetSegmentTimestamp1FromState(state, s) / 100.0, words);
        }
        return words;
    }

    /** Spreads a segment's span over its words by character count. */
    static void splitSegment(String text, double start, double end, List<Word> into) {
        String[] tokens = text.trim().split("\\s+");
        int chars = 0;
        for (String t : tokens) chars += t.length();
        if (chars == 0) return;
        double perChar = Math.max(0, end - start) / chars;
        double at = start;
        for (String t : tokens) {
            double next = at + perChar * t.length();
            into.add(Word.of(t, at, next));
            at = next;
        }
    }

    @Override
    public void close() { whisper.free(state); }
}
