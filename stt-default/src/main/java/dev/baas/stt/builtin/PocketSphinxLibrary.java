package dev.baas.stt.builtin;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * The part of the PocketSphinx 5prealpha C API (Debian {@code libpocketsphinx3}, {@code libsphinxbase3}) the engine
 * calls. This is the cmd_ln-based API of 0.8/5prealpha, not the JSON-config API of PocketSphinx 5.0.
 */
interface PocketSphinxLibrary extends Library {
    Pointer ps_args();

    Pointer ps_init(Pointer config);

    int ps_free(Pointer decoder);

    /** Restarts frame counting, so word times are relative to the coming utterance. */
    int ps_start_stream(Pointer decoder);

    int ps_start_utt(Pointer decoder);

    int ps_process_raw(Pointer decoder, short[] data, long samples, int noSearch, int fullUtterance);

    int ps_end_utt(Pointer decoder);

    Pointer ps_get_logmath(Pointer decoder);

    Pointer ps_seg_iter(Pointer decoder);

    Pointer ps_seg_next(Pointer segment);

    String ps_seg_word(Pointer segment);

    void ps_seg_frames(Pointer segment, IntByReference startFrame, IntByReference endFrame);

    int ps_seg_prob(Pointer segment, IntByReference acoustic, IntByReference language, IntByReference backoff);

    void ps_seg_free(Pointer segment);

    /** The sphinxbase half, linked by the same process. */
    interface SphinxBase extends Library {
        Pointer cmd_ln_parse_r(Pointer inout, Pointer definitions, int argc, String[] argv, int strict);

        int cmd_ln_free_r(Pointer config);

        double logmath_exp(Pointer logmath, int logValue);
    }

    static PocketSphinxLibrary load() {
        return Native.load("pocketsphinx", PocketSphinxLibrary.class);
    }

    static SphinxBase loadSphinxBase() {
        return Native.load("sphinxbase", SphinxBase.class);
    }
}
