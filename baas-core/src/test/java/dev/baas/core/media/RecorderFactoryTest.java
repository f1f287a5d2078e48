package dev.baas.core.media;

import dev.baas.spi.AudioFrame;
import dev.baas.spi.BotConfig;
import dev.baas.spi.MeetingArtifacts;
import dev.baas.spi.RecordingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecorderFactoryTest {
    @TempDir Path dir;

    private MeetingArtifacts record(RecordingMode mode) throws IOException {
        BotConfig config = BotConfig.builder("https://meet.google.com/abc-defg-hij", "Recorder").recordingMode(mode).build();
        Path botDir = dir.resolve(mode.wireName());
        Recorder r = RecorderFactory.media(MediaRecorderTest.SETTINGS).create(UUID.randomUUID(), config, botDir);
        r.record(true);
        new Script().audio(AudioFrame.MIX, 0, 3, t -> t >= 1 && t < 1.1
                ? Synthetic.tone(AudioFrame.MIX, t, 440, 20_000) : Synthetic.silence(AudioFrame.MIX, t)).play(r);
        MeetingArtifacts out = r.finish();
        r.close();
        return out;
    }

    @Test
    void theBotsRecordingModeChoosesTheFiles() throws IOException {
        MeetingArtifacts audioOnly = record(RecordingMode.AUDIO_ONLY);
        assertTrue(audioOnly.video().isEmpty());
        assertEquals("audio.mp3", audioOnly.audio().orElseThrow().getFileName().toString());

        for (RecordingMode mode : new RecordingMode[]{RecordingMode.SPEAKER_VIEW, RecordingMode.GALLERY_VIEW}) {
            MeetingArtifacts out = record(mode);
            assertEquals("h264,aac", Probe.codecs(out.video().orElseThrow()), mode.wireName());
            assertEquals("audio.wav", out.audio().orElseThrow().getFileName().toString());
        }
    }

    @Test
    void recordedAudioReadsBackAsPcmWhateverItsFormat() throws IOException {
        Path mp3 = record(RecordingMode.AUDIO_ONLY).audio().orElseThrow();
        Path mp4 = record(RecordingMode.SPEAKER_VIEW).video().orElseThrow();
        for (Path file : new Path[]{mp3, mp4}) {
            short[] pcm = AudioFiles.pcm(file, 16_000);
            assertEquals(3.0, pcm.length / 16_000.0, 0.03, file.getFileName().toString());
            int first = 0;
            while (first < pcm.length && Math.abs(pcm[first]) < 8000) first++;
            assertEquals(1.0, first / 16_000.0, 0.02, "the tone in " + file.getFileName());
        }
    }
}
