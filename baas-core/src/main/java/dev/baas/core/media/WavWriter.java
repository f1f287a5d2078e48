package dev.baas.core.media;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * Streams mono 16-bit PCM to a WAV file. The header is rewritten with the real length on every flush, so a crash
 * leaves a file that plays up to the last flush.
 */
public final class WavWriter implements AutoCloseable {
    private static final int HEADER = 44;
    private final RandomAccessFile file;
    private final int sampleRate;
    private long dataBytes;
    private long lastHeaderAt;

    public WavWriter(Path path, int sampleRate) throws IOException {
        this.file = new RandomAccessFile(path.toFile(), "rw");
        this.file.setLength(0);
        this.sampleRate = sampleRate;
        writeHeader();
    }

    public synchronized void write(short[] samples, int offset, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < length; i++) buf.putShort(samples[offset + i]);
        file.seek(HEADER + dataBytes);
        file.write(buf.array());
        dataBytes += length * 2L;
        if (dataBytes - lastHeaderAt >= sampleRate * 2L) { // about once a second of audio
            writeHeader();
            lastHeaderAt = dataBytes;
        }
    }

    /** Writes {@code samples} of silence, to keep the file aligned with the recording clock across gaps. */
    public synchronized void writeSilence(long samples) throws IOException {
        short[] zeros = new short[(int) Math.min(samples, sampleRate)];
        long left = samples;
        while (left > 0) {
            int n = (int) Math.min(left, zeros.length);
            write(zeros, 0, n);
            left -= n;
        }
    }

    public synchronized long samplesWritten() { return dataBytes / 2; }

    public int sampleRate() { return sampleRate; }

    private void writeHeader() throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes));
        h.put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        h.put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1);
        h.putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
        h.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        file.seek(0);
        file.write(h.array());
    }

    /**
     * Makes the header of a WAV file this class wrote, left behind by a process that died, tell its real length
     * (the header lags by up to a second). Answers how many samples the file holds.
     */
    public static long repair(Path path, int sampleRate) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(path.toFile(), "rw")) {
            long data = Math.max(0, f.length() - HEADER) & ~1L; // whole 16-bit samples only
            f.setLength(HEADER + data);
            ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            f.seek(0);
            f.readFully(h.array());
            int rate = h.getInt(24) > 0 ? h.getInt(24) : sampleRate;
            WavWriter w = new WavWriter(f, rate, data);
            w.writeHeader();
            return data / 2;
        }
    }

    private WavWriter(RandomAccessFile file, int sampleRate, long dataBytes) {
        this.file = file;
        this.sampleRate = sampleRate;
        this.dataBytes = dataBytes;
    }

    @Override
    public synchronized void close() throws IOException {
        writeHeader();
        file.close();
    }
}
