package dev.baas.stt.builtin;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.Word;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** One native PocketSphinx decoder. Not thread-safe: one thread at a time, which the pool guarantees. */
final class PocketSphinxDecoder implements ChunkDecoder {
    private static final double FRAMES_PER_SECOND = 100.0;

    private final PocketSphinxLibrary ps;
    private final PocketSphinxLibrary.SphinxBase base;
    private final Pointer config;
    private final Pointer decoder;

    private PocketSphinxDecoder(PocketSphinxLibrary ps, PocketSphinxLibrary.SphinxBase base, Pointer config, Pointer decoder) {
        this.ps = ps;
        this.base = base;
        this.config = config;
        this.decoder = decoder;
    }

    static PocketSphinxDecoder open(PocketSphinxLibrary ps, PocketSphinxLibrary.SphinxBase base, Path modelDir) {
        String[] argv = {
                "-hmm", modelDir.resolve("en-us").toString(),
                "-lm", modelDir.resolve("en-us.lm.bin").toString(),
                "-dict", modelDir.resolve("cmudict-en-us.dict").toString(),
                "-logfn", "/dev/null",
                "-cmn", "batch",
                // The chunker already cut at pauses; the built-in voice detector would drop frames and skew word times.
                "-remove_silence", "no",
                "-dither", "no",
        };
        Pointer config = base.cmd_ln_parse_r(null, ps.ps_args(), argv.length, argv, 1);
        if (config == null) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "PocketSphinx rejected its configuration for model " + modelDir);
        }
        Pointer decoder = ps.ps_init(config);
        if (decoder == null) {
            base.cmd_ln_free_r(config);
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "PocketSphinx could not load the model in " + modelDir
                    + " (is pocketsphinx-en-us installed?)");
        }
        return new PocketSphinxDecoder(ps, base, config, decoder);
    }


    /** Decodes one utterance; the model is English only, so the language hint is not used. */
    @Override
    public List<Word> decode(short[] samples, Optional<String> language) throws InterruptedException {
        check(ps.ps_start_stream(decoder), "start a stream");
        check(ps.ps_start_utt(decoder), "start an utterance");
        boolean ended = false;
        try {
            if (Thread.interrupted()) throw new InterruptedException("transcription cancelled");
            // The whole chunk in one call: only then does sphinxbase normalise over the chunk ("batch" CMN); fed in
            // pieces it falls back to a running mean carried over from earlier chunks, and results depend on history.
            check(ps.ps_process_raw(decoder, samples, samples.length, 0, 1), "process audio");
            ended = true;
            check(ps.ps_end_utt(decoder), "end an utterance");
            return words();
        } finally {
            // Leaves the decoder ready for the next utterance even when this one was cancelled.
            if (!ended) ps.ps_end_utt(decoder);
        }
    }

    private List<Word> words() {
        List<Word> words = new ArrayList<>();
        Pointer logmath = ps.ps_get_logmath(decoder);
        IntByReference start = new IntByReference(), end = new IntByReference();
        IntByReference acoustic = new IntByReference(), language = new IntByReference(), backoff = new IntByReference();
        for (Pointer seg = ps.ps_seg_iter(decoder); seg != null; seg = ps.ps_seg_next(seg)) {
            String token = ps.ps_seg_word(seg);
            if (token == null || isFiller(token)) continue;
            ps.ps_seg_frames(seg, start, end);
            double posterior = base.logmath_exp(logmath, ps.ps_seg_prob(seg, acoustic, language, backoff));
            words.add(new Word(baseForm(token), start.getValue() / FRAMES_PER_SECOND, (end.getValue() + 1) / FRAMES_PER_SECOND,
                    Optional.empty(), OptionalDouble.of(Math.max(0, Math.min(1, posterior)))));
        }
        return words;
    }

    /** Silence, noise and sentence markers: {@code <s>}, {@code <sil>}, {@code [NOISE]}, {@code ++UH++}. */
    static boolean isFiller(String token) {
        return token.startsWith("<") || token.startsWith("[") || token.startsWith("++") || token.isBlank();
    }

    /** {@code read(2)} is the second pronunciation of {@code read}. */
    static String baseForm(String token) {
        int paren = token.indexOf('(');
        return paren > 0 ? token.substring(0, paren) : token;
    }

    private void check(int rc, String what) {
        if (rc < 0) throw new BaasException(ErrorCode.PROVIDER_ERROR, "PocketSphinx could not " + what + " (code " + rc + ")");
    }

    @Override
    public void close() {
        ps.ps_free(decoder);
        base.cmd_ln_free_r(config);
    }
}
