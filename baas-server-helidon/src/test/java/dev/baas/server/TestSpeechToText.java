package dev.baas.server;

import dev.baas.spi.AudioInput;
import dev.baas.spi.SpeechToTextProvider;
import dev.baas.spi.Transcript;
import dev.baas.spi.TranscriptionRequest;
import dev.baas.spi.Word;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A speech-to-text provider for the server's tests, named {@code Scripted}: it "hears" one word per second
 * of audio in the file it is given, so a transcript's length follows what was recorded.
 */
public final class TestSpeechToText implements SpeechToTextProvider {
    @Override public String name() { return "Scripted"; }

    @Override public boolean requiresApiKey() { return false; }

    @Override
    public Transcript transcribe(TranscriptionRequest request) {
        Path file = ((AudioInput.File) request.audio()).path();
        long bytes;
        try {
            bytes = Files.size(file) - 44; // a WAV header, then 16-bit mono at 16 kHz
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        int seconds = (int) Math.max(1, bytes / 32_000);
        List<Word> words = new ArrayList<>();
        for (int i = 0; i < seconds; i++) words.add(Word.of(i == 0 ? "hello" : "word" + i, i, i + 0.5).withSpeaker("Ann"));
        return new Transcript(words, Optional.of("en"), "test");
    }
}
