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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Transcribes with the bot's provider. Where the recording has per-participant audio, each participant's track is
 * transcribed on its own, so every word carries its speaker by construction; otherwise the mix is transcribed.
 */
final class ProviderTranscriber implements Transcriber {
    private final Map<String, SpeechToTextProvider> providers;
    private final Map<String, String> operatorKeys;

    ProviderTranscriber(Map<String, SpeechToTextProvider> providers, Map<String, String> operatorKeys) {
        this.providers = providers;
        this.operatorKeys = operatorKeys;
    }

    @Override
    public Transcript transcribe(BotConfig config, MeetingArtifacts artifacts, Map<String, String> names)
            throws InterruptedException {
        SpeechToText stt = config.speechToText().orElseThrow();
        SpeechToTextProvider provider = Engine.findProvider(providers, stt.provider()).orElseThrow(() ->
                new BaasException(ErrorCode.PROVIDER_ERROR, "unknown speech_to_text provider " + stt.provider()));
        Optional<String> key = stt.apiKey().or(() -> Optional.ofNullable(operatorKeys.get(provider.name())));
        Map<String, Object> params = config.transcriptionCustomParameters()
                .filter(Map.class::isInstance).map(m -> castMap((Map<?, ?>) m)).orElse(Map.of());
        if (artifacts.participantAudio().isEmpty()) {
            Path mix = artifacts.audio().orElseThrow();
            return provider.transcribe(new TranscriptionRequest(new AudioInput.File(mix), key, Optional.empty(), params));
        }
        List<Word> words = new ArrayList<>();
        Optional<String> language = Optional.empty();
        String engine = provider.name();
        for (var track : artifacts.participantAudio().entrySet()) {
            Transcript t = provider.transcribe(new TranscriptionRequest(new AudioInput.File(track.getValue()), key,
                    Optional.empty(), params));
            String speaker = names.getOrDefault(track.getKey(), track.getKey());
            t.words().forEach(w -> words.add(w.withSpeaker(speaker)));
            language = language.or(t::language);
            engine = t.engine();
        }
        words.sort(Comparator.comparingDouble(Word::start));
        return new Transcript(words, language, engine);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) { return (Map<String, Object>) m; }
}
