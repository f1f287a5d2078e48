package dev.baas.stt.builtin;

import dev.baas.spi.BaasException;
import dev.baas.spi.ErrorCode;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/** Decodes compressed audio (MP3, AAC, Opus, ...) by streaming it through the {@code ffmpeg} command as 16 kHz PCM. */
final class FfmpegSource implements SampleSource {
    private final Process process;
    private final InputStream pcm;
    private final Path file;
    private byte[] bytes = new byte[0];

    private FfmpegSource(Process process, Path file) {
        this.process = process;
        this.pcm = new BufferedInputStream(process.getInputStream(), 1 << 16);
        this.file = file;
    }

    static FfmpegSource open(Path file) throws IOException {
        Process p = new ProcessBuilder(List.of("ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(),
                "-f", "s16le", "-ac", "1", "-ar", String.valueOf(SilenceChunker.RATE), "-"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        return new FfmpegSource(p, file);
    }

    @Override public int sampleRate() { return SilenceChunker.RATE; }

    @Override
    public int read(short[] buffer, int offset, int len) throws IOException {
        if (bytes.length < len * 2) bytes = new byte[len * 2];
        int got = pcm.readNBytes(bytes, 0, len * 2);
        if (got < 2) {
            finish();
            return -1;
        }
        int n = got / 2;
        for (int i = 0; i < n; i++) buffer[offset + i] = (short) ((bytes[2 * i] & 0xFF) | (bytes[2 * i + 1] << 8));
        return n;
    }

    private void finish() throws IOException {
        try {
            int rc = process.waitFor();
            if (rc != 0) {
                throw new BaasException(ErrorCode.PROVIDER_ERROR, "audio file " + file + " is unreadable: ffmpeg exited with " + rc);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for ffmpeg", e);
        }
    }

    @Override
    public void close() throws IOException {
        pcm.close();
        process.destroy();
    }
}
