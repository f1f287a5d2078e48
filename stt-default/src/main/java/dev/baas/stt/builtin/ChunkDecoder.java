package dev.baas.stt.builtin;

import dev.baas.spi.Word;

import java.util.List;
import java.util.Optional;

/** A recogniser instance for one thread at a time: one utterance of 16 kHz mono samples in, timed words out. */
interface ChunkDecoder extends AutoCloseable {
    /** Word times are seconds from the first sample; the language is a hint the engine may ignore. Throws InterruptedException promptly when interrupted. */
    List<Word> decode(short[] samples, Optional<String> language) throws InterruptedException;

    @Override
    void close();
}
