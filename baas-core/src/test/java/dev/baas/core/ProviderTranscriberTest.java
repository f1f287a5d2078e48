package dev.baas.core;

import dev.baas.spi.AudioInput;
import dev.baas.spi.BaasException;
import dev.baas.spi.BotConfig;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.MeetingArtifacts;
import dev.baas.spi.SpeechToText;
import dev.baas.spi.SpeechToTextProvider;
import dev.baas.spi.Transcript;
import dev.baas.spi.TranscriptionRequest;
import dev.baas.spi.Word;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProviderTranscriberTest {
    @TempDir Path dir;

    /** Hears the file's own text (one word per line, "word start end"), and lists which files it was given. */
    static final class FileWords implements SpeechToTextProvider {
        final List<Path> heard = new ArrayList<>();

        @Override public String name() { return "Files"; }

        @Override public boolean requiresApiKey() { return false; }

        @Override public Transcript transcribe(TranscriptionRequest request) {
            Path p = ((AudioInput.File) request.audio()).path();
            heard.add(p);
            try {
                List<Word> words = Files.readAllLines(p).stream().map(l -> l.split(" "))
                        .map(f -> Word.of(f[0], Double.parseDouble(f[1]), Double.parseDouble(f[2]))).toList();
                return new Transcript(words, Optional.of("en"), "files");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    static BotConfig config(String provider) {
        return BotConfig.builder("https://meet.example/x", "Notes").speechToText(SpeechToText.of(provider)).build();
    }

    Path file(String name, String content) throws Exception { return Files.writeString(dir.resolve(name), content); }

    @Test
    void onlyTracksOfNamedParticipantsAreTranscribedSoNoWordComesTwice() throws Exception {
        FileWords stt = new FileWords();
        Map<String, Path> tracks = new LinkedHashMap<>();
        tracks.put("Alice", file("participant-Alice.wav", "hello 1.0 1.4\n"));
        tracks.put("track-1", file("participant-track-1.wav", "hello 1.0 1.4\n"));
        tracks.put("p2", file("participant-p2.wav", "yes 3.0 3.3\n"));
        MeetingArtifacts artifacts = new MeetingArtifacts(Optional.empty(), Optional.of(file("audio.wav", "x 0 1\n")), tracks, 5);
        Transcript t = new ProviderTranscriber(Map.of("Files", stt), Map.of())
                .transcribe(config("Files"), artifacts, Map.of("p1", "Alice", "p2", "Bob"), SpeakerTimeline.empty());
        assertEquals(List.of("hello:Alice", "yes:Bob"), t.words().stream().map(w -> w.text() + ":" + w.speaker().orElse("?")).toList());
        assertEquals(2, stt.heard.size(), "the unnamed duplicate track is not sent: " + stt.heard);
    }

    @Test
    void aMixedTrackGetsSpeakersFromTheTimeline() throws Exception {
        FileWords stt = new FileWords();
        MeetingArtifacts artifacts = new MeetingArtifacts(Optional.empty(),
                Optional.of(file("audio.wav", "hello 0.5 0.9\nyes 3.1 3.4\n")), Map.of(), 5);
        SpeakerTimeline timeline = new SpeakerTimeline(List.of(new SpeakerTimeline.Interval("Alice", 0.3, 1.2),
                new SpeakerTimeline.Interval("Bob", 3.0, 3.6)));
        Transcript t = new ProviderTranscriber(Map.of("Files", stt), Map.of())
                .transcribe(config("Files"), artifacts, Map.of("p1", "Alice", "p2", "Bob"), timeline);
        assertEquals(List.of("hello:Alice", "yes:Bob"), t.words().stream().map(w -> w.text() + ":" + w.speaker().orElse("?")).toList());
    }

    @Test
    void aProviderThatThrowsIsAProviderErrorAndAnUnknownOneToo() throws Exception {
        SpeechToTextProvider broken = new SpeechToTextProvider() {
            @Override public String name() { return "Broken"; }

            @Override public boolean requiresApiKey() { return false; }

            @Override public Transcript transcribe(TranscriptionRequest request) { throw new IllegalStateException("model missing"); }
        };
        MeetingArtifacts artifacts = new MeetingArtifacts(Optional.empty(), Optional.of(file("audio.wav", "")), Map.of(), 1);
        ProviderTranscriber transcriber = new ProviderTranscriber(Map.of("Broken", broken), Map.of());
        BaasException e = assertThrows(BaasException.class, () -> transcriber.transcribe(config("Broken"), artifacts, Map.of()));
        assertEquals(ErrorCode.PROVIDER_ERROR, e.code());
        assertTrue(e.getMessage().contains("model missing"), e.getMessage());
        assertEquals(ErrorCode.PROVIDER_ERROR,
                assertThrows(BaasException.class, () -> transcriber.transcribe(config("Nobody"), artifacts, Map.of())).code());
    }
}
