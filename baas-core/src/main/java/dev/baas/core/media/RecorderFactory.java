package dev.baas.core.media;

import dev.baas.spi.BotConfig;

import java.nio.file.Path;
import java.util.UUID;

/** Makes the recorder of one bot, writing into {@code dir}. */
@FunctionalInterface
public interface RecorderFactory {
    Recorder create(UUID botId, BotConfig config, Path dir);

    /** Mixed and per-participant audio as WAV at 16 kHz. */
    RecorderFactory WAV = (id, config, dir) -> new WavRecorder(dir, 16_000);

    /**
     * Encoded recordings in the bot's {@link BotConfig#recordingMode() recording mode} (MP4 for speaker and gallery
     * view, MP3 for audio only) plus per-participant WAV tracks; see {@link MediaRecorder}.
     */
    static RecorderFactory media(RecordingSettings settings) {
        java.util.Objects.requireNonNull(settings, "settings");
        return (id, config, dir) -> new MediaRecorder(dir, config.recordingMode(), settings, id, java.time.Clock.systemUTC());
    }

    /** {@link #media(RecordingSettings)} with {@link RecordingSettings#defaults()}. */
    RecorderFactory MEDIA = media(RecordingSettings.defaults());
}
