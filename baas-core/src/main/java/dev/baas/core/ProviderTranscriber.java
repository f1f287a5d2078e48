package dev.baas.core;

import dev.baas.core.logging.ProgressLog;
import dev.baas.core.media.AudioFiles;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Transcribes with the bot's provider. Where the recording has audio of its own for named participants, each of
 * those tracks is transcribed on its own, so every word carries its speaker by construction; otherwise the mix is
 * transcribed and its words get speakers from the speaker timeline.
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
        return transcribe(config, artifacts, names, SpeakerTimeline.empty());
    }

    @Override
    public Transcript transcribe(BotConfig config, MeetingArtifacts artifacts, Map<String, String> names,
                                 SpeakerTimeline timeline) throws InterruptedException {
        return transcribe(config, artifacts, names, timeline, Optional.empty());
    }

    @Override
    public Transcript transcribe(BotConfig config, MeetingArtifacts artifacts, Map<String, String> names,
                                 SpeakerTimeline timeline, ProgressLog progress) throws InterruptedException {
        return transcribe(config, artifacts, names, timeline, Optional.of(progress));
    }

    /**
     * Progress counts seconds of audio over every file to transcribe: each file's are done once the provider
     * returns, and on the way as far as the provider tells.
     */
    private Transcript transcribe(BotConfig config, MeetingArtifacts artifacts, Map<String, String> names,
                                  SpeakerTimeline timeline, Optional<ProgressLog> progress) throws InterruptedException {
        SpeechToText stt = config.speechToText().orElseThrow();
        SpeechToTextProvider provider = Engine.findProvider(providers, stt.provider()).orElseThrow(() ->
                new BaasException(ErrorCode.PROVIDER_ERROR, "unknown speech_to_text provider " + stt.provider()));
        Optional<String> key = stt.apiKey().or(() -> Optional.ofNullable(operatorKeys.get(provider.name())));
        Map<String, Object> params = config.transcriptionCustomParameters()
                .filter(Map.class::isInstance).map(m -> castMap((Map<?, ?>) m)).orElse(Map.of());
        Map<String, Path> tracks = namedTracks(artifacts.participantAudio(), names);
        if (tracks.isEmpty()) {
            Path mix = artifacts.audio().orElseThrow(() ->
                    new BaasException(ErrorCode.PROVIDER_ERROR, "the recording has no audio to transcribe"));
            double seconds = AudioFiles.seconds(mix, artifacts.durationSeconds());
            progress.ifPresent(p -> p.total(seconds));
            return timeline.attribute(call(provider, new TranscriptionRequest(new AudioInput.File(mix), key, Optional.empty(), params),
                    done -> progress.ifPresent(p -> p.advance(done))));
        }
        Map<String, Double> lengths = new LinkedHashMap<>();
        tracks.forEach((name, file) -> lengths.put(name, AudioFiles.seconds(file, artifacts.durationSeconds())));
        progress.ifPresent(p -> p.total(lengths.values().stream().mapToDouble(Double::doubleValue).sum()));
        List<Word> words = new ArrayList<>();
        Optional<String> language = Optional.empty();
        String engine = provider.name();
        double before = 0;
        for (var track : tracks.entrySet()) {
            double offset = before;
            Transcript t = call(provider, new TranscriptionRequest(new AudioInput.File(track.getValue()), key,
                    Optional.empty(), params), done -> progress.ifPresent(p -> p.advance(offset + done)));
            before += lengths.get(track.getKey());
            double finished = before;
            progress.ifPresent(p -> p.advance(finished));
            t.words().forEach(w -> words.add(w.withSpeaker(track.getKey())));
            language = language.or(t::language);
            engine = t.engine();
        }
        words.sort(Comparator.comparingDouble(Word::start));
        return new Transcript(words, language, engine);
    }

    /**
     * The participant tracks that belong to someone the meeting named (by id or by name), keyed by display name.
     * A track the capture could not tie to a participant may repeat a named one's audio, so it is left out rather
     * than transcribed twice; with no names at all, every track counts under its own name.
     */
    static Map<String, Path> namedTracks(Map<String, Path> tracks, Map<String, String> names) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (var t : tracks.entrySet()) {
            String source = t.getKey();
            if (names.isEmpty()) out.put(source, t.getValue());
            else if (names.containsKey(source)) out.put(names.get(source), t.getValue());
            else if (names.containsValue(source)) out.put(source, t.getValue());
        }
        return out;
    }

    /** Any failure of the provider, even an unexpected one, is a provider error: the recording is still delivered. */
    private static Transcript call(SpeechToTextProvider provider, TranscriptionRequest request,
                                   java.util.function.DoubleConsumer transcribedSeconds) throws InterruptedException {
        try {
            return provider.transcribe(request, transcribedSeconds);
        } catch (BaasException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "speech_to_text provider " + provider.name() + " failed: " + e, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) { return (Map<String, Object>) m; }
}
