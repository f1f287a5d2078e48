package dev.baas.stt.gladia;

import dev.baas.spi.AudioInput;
import dev.baas.spi.BaasException;
import dev.baas.spi.Plugins;
import dev.baas.spi.Transcript;
import dev.baas.spi.TranscriptionRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the TCK does not cover: speakers, the job body Gladia receives, discovery and unusual error bodies. */
class GladiaSpeechToTextTest {
    private final FakeGladia gladia = new FakeGladia();
    private final GladiaSpeechToText provider = new GladiaSpeechToText(
            new GladiaConfig(gladia.baseUrl(), Duration.ofMillis(10), Duration.ofSeconds(5)), HttpClient.newHttpClient());

    GladiaSpeechToTextTest() throws Exception {}

    @AfterEach
    void stop() { gladia.close(); }

    @Test
    void utterancesKeepTheirSpeakersAndTheJobAsksForDiarizationAndTheLanguage() throws Exception {
        AudioInput.Pcm pcm = new AudioInput.Pcm(new short[16_000 * 8], 16_000);
        Transcript t = provider.transcribe(new TranscriptionRequest(pcm, Optional.of(FakeGladia.KEY), Optional.of("de"),
                Map.of("summarization", true)));
        assertEquals(Optional.of("Speaker 1"), t.words().getFirst().speaker());
        assertEquals(Optional.of("Speaker 2"), t.words().get(4).speaker());
        assertEquals("good", t.words().getFirst().text(), "Gladia's leading space is trimmed");
        assertEquals("gladia", t.engine());
        var job = gladia.lastJobRequest;
        assertTrue(job.get("diarization").asBoolean());
        assertEquals("de", job.at("/language_config/languages/0").asText());
        assertTrue(job.get("summarization").asBoolean(), "custom parameters reach the job");
    }

    @Test
    void aValidationErrorCarriesGladiasOwnMessage() {
        // v1-era fields were dropped from Gladia v2; a caller passing one gets Gladia's 422 back, readable.
        BaasException e = assertThrows(BaasException.class, () -> provider.transcribe(new TranscriptionRequest(
                new AudioInput.Pcm(new short[16_000], 16_000), Optional.of(FakeGladia.KEY), Optional.empty(), Map.of("language", "en"))));
        assertTrue(e.getMessage().startsWith("Gladia refused the request while trying to create the transcription job: HTTP 422"
                + " property language should not exist"), e.getMessage());
    }

    @Test
    void theProviderIsFoundByItsV1Name() {
        var found = Plugins.speechToText(getClass().getClassLoader());
        assertInstanceOf(GladiaSpeechToText.class, found.get("Gladia"));
    }

    @Test
    void errorBodiesThatAreNotJsonStillMakeAClearMessage() {
        BaasException e = GladiaSpeechToText.error(502, "<html>Bad Gateway</html>", "upload the audio");
        assertEquals("Gladia failed while trying to upload the audio: HTTP 502 <html>Bad Gateway</html>", e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        BaasException e = assertThrows(BaasException.class, () -> provider.transcribe(new TranscriptionRequest(
                new AudioInput.File(java.nio.file.Path.of("nowhere.wav")), Optional.of(FakeGladia.KEY), Optional.empty(), Map.of())));
        assertTrue(e.getMessage().contains("nowhere.wav"), e.getMessage());
    }
}
