package dev.baas.stt.gladia;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** WAV files of silence of a given length, written as a stream. */
final class TestAudio {
    private TestAudio() {}

    static Path wav(Path dir, double seconds) throws IOException {
        int rate = 16_000;
        long samples = (long) (seconds * rate);
        Path file = dir.resolve("audio-" + (long) seconds + "s.wav");
        if (Files.exists(file)) return file;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            h.put("RIFF".getBytes()).putInt((int) (36 + samples * 2)).put("WAVE".getBytes());
            h.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                    .putShort((short) 2).putShort((short) 16);
            h.put("data".getBytes()).putInt((int) (samples * 2));
            out.write(h.array());
            byte[] zeros = new byte[1 << 16];
            for (long left = samples * 2; left > 0; left -= zeros.length) out.write(zeros, 0, (int) Math.min(left, zeros.length));
        }
        return file;
    }
}
