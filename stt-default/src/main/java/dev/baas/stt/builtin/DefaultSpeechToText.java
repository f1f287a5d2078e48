package dev.baas.stt.builtin;

import dev.baas.spi.AudioInput;
import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;
import dev.baas.spi.SpeechToTextProvider;
import dev.baas.spi.Transcript;
import dev.baas.spi.TranscriptionRequest;
import dev.baas.spi.Word;
import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperJNI;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The "Default" provider: offline, no key, CPU only. PocketSphinx (Debian's US English model) runs in-process; when
 * the operator configures a whisper.cpp model, whisper.cpp runs instead, and if that model is missing, fails its
 * checksum or does not load, the provider says why in the log and keeps to PocketSphinx.
 * {@link Transcript#engine()} names the engine that ran.
 */
public final class DefaultSpeechToText implements SpeechToTextProvider, AutoCloseable {
    static final String POCKETSPHINX = "pocketsphinx";
    static final String WHISPER = "whisper.cpp";
    private static final System.Logger LOG = System.getLogger(DefaultSpeechToText.class.getName());

    private final DefaultSttConfig config;
    private final WhisperModelFiles modelFiles;
    private Engine engine;
    private Optional<String> whisperProblem = Optional.empty();

    /** The recogniser that runs, and its decoders. */
    private record Engine(String name, DecoderPool pool) {}

    public DefaultSpeechToText() {
        this(DefaultSttConfig.fromEnvironment(), HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    DefaultSpeechToText(DefaultSttConfig config, HttpClient http) {
        this.config = config;
        this.modelFiles = new WhisperModelFiles(http);
    }

    @Override public String name() { return "Default"; }

    @Override public boolean requiresApiKey() { return false; }

    @Override
    public Transcript transcribe(TranscriptionRequest request) throws InterruptedException {
        Engine running = engine();
        Optional<String> language = request.language().map(l -> l.toLowerCase(Locale.ROOT));
        if (running.name().equals(POCKETSPHINX) && language.filter(l -> !l.startsWith("en")).isPresent()) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "the Default provider's offline model is English only;"
                    + " language " + language.get() + " needs a whisper.cpp model (BAAS_WHISPER_MODEL)");
        }
        ParallelTranscriber transcriber = new ParallelTranscriber(running.pool(), config.minChunkSeconds(), config.maxChunkSeconds());
        try (SampleSource source = open(request.audio())) {
            List<Word> words = transcriber.transcribe(source, language);
            Optional<String> reported = running.name().equals(POCKETSPHINX) ? Optional.of("en") : language;
            return new Transcript(words, reported, running.name());
        } catch (IOException e) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "could not read the audio: " + e.getMessage(), e);
        }
    }

    /** Why whisper.cpp is not running although configured, if so. */
    synchronized Optional<String> whisperProblem() { return whisperProblem; }

    private synchronized Engine engine() throws InterruptedException {
        if (engine != null) return engine;
        if (config.whisper().isPresent()) {
            try {
                engine = whisper(modelFiles.ensure(config.whisper().get()));
                return engine;
            } catch (BaasException e) {
                whisperProblem = Optional.of(e.getMessage());
                LOG.log(System.Logger.Level.WARNING, "whisper.cpp is configured but unavailable, transcribing with"
                        + " PocketSphinx instead: " + e.getMessage());
            }
        }
        Path model = config.pocketSphinxModel();
        if (!Files.isDirectory(model.resolve("en-us"))) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "PocketSphinx model not found in " + model
                    + " (install the pocketsphinx-en-us package or set BAAS_POCKETSPHINX_MODEL)");
        }
        PocketSphinxLibrary ps = PocketSphinxLibrary.load();
        PocketSphinxLibrary.SphinxBase base = PocketSphinxLibrary.loadSphinxBase();
        engine = new Engine(POCKETSPHINX, new DecoderPool(config.threads(), () -> PocketSphinxDecoder.open(ps, base, model)));
        return engine;
    }

    private Engine whisper(Path model) {
        try {
            WhisperJNI.loadLibrary();
            WhisperJNI whisper = new WhisperJNI();
            WhisperContext context = whisper.initNoState(model);
            if (context == null) {
                throw new BaasException(ErrorCode.PROVIDER_ERROR, "whisper.cpp could not load model " + model
                        + " (not a ggml whisper model?)");
            }
            return new Engine(WHISPER, new DecoderPool(config.threads(), () -> new WhisperDecoder(whisper, context)));
        } catch (IOException | UnsatisfiedLinkError e) {
            throw new BaasException(ErrorCode.PROVIDER_ERROR, "whisper.cpp could not load model " + model + ": " + e.getMessage(), e);
        }
    }

    private static SampleSource open(AudioInput audio) throws IOException {
        return switch (audio) {
            case AudioInput.Pcm pcm -> SampleSource.of(pcm.samples(), pcm.sampleRate());
            case AudioInput.File file -> openFile(file.path());
            case AudioInput.Url url -> openFile(url.localCopy());
        };
    }

    private static SampleSource openFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new BaasException(ErrorCode.PROVIDER_ERROR, "audio file " + file + " does not exist");
        byte[] magic;
        try (InputStream in = Files.newInputStream(file)) {
            magic = in.readNBytes(4);
        }
        return "RIFF".equals(new String(magic, StandardCharsets.US_ASCII)) ? WavSource.open(file) : FfmpegSource.open(file);
    }

    @Override
    public synchronized void close() {
        if (engine != null) engine.pool().close();
        engine = null;
    }
}
