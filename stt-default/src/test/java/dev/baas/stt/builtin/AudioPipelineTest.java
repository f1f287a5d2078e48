package dev.baas.stt.builtin;

import dev.baas.spi.BaasException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading WAV variants, changing the rate, and cutting at pauses. */
class AudioPipelineTest {
    @TempDir Path dir;

    private static short[] drain(SampleSource source) throws Exception {
        List<Short> out = new ArrayList<>();
        short[] buf = new short[1000];
        for (int n; (n = source.read(buf, 0, buf.length)) > 0; ) for (int i = 0; i < n; i++) out.add(buf[i]);
        short[] result = new short[out.size()];
        for (int i = 0; i < result.length; i++) result[i] = out.get(i);
        return result;
    }

    private static short[] sine(double hz, int rate, double seconds, double amplitude) {
        short[] s = new short[(int) (rate * seconds)];
        for (int i = 0; i < s.length; i++) s[i] = (short) (amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        return s;
    }

    private static double rms(short[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) sum += (double) s[i] * s[i];
        return Math.sqrt(sum / (to - from));
    }

    /** Zero crossings per second estimate the tone's frequency. */
    private static double frequency(short[] s, int rate) {
        int crossings = 0;
        for (int i = 1; i < s.length; i++) if ((s[i - 1] < 0) != (s[i] < 0)) crossings++;
        return crossings / 2.0 / (s.length / (double) rate);
    }

    @Test
    void resamplingKeepsATonesPitchLoudnessAndLength() throws Exception {
        for (int rate : new int[] {8_000, 22_050, 44_100, 48_000}) {
            short[] out = drain(Resampler.to(16_000, SampleSource.of(sine(440, rate, 2, 10_000), rate)));
            assertEquals(32_000, out.length, 16, "length at " + rate);
            assertEquals(440, frequency(out, 16_000), 3, "pitch at " + rate);
            assertEquals(10_000 / Math.sqrt(2), rms(out, 1000, 31_000), 300, "loudness at " + rate);
        }
    }

    @Test
    void loweringTheRateFiltersWhatTheNewRateCannotCarry() throws Exception {
        // 11 kHz is above 16 kHz audio's 8 kHz limit: without a filter it would fold down to 5 kHz.
        short[] out = drain(Resampler.to(16_000, SampleSource.of(sine(11_000, 48_000, 1, 10_000), 48_000)));
        assertTrue(rms(out, 500, 15_500) < 300, "aliased energy " + rms(out, 500, 15_500));
    }

    @Test
    void stereoFloatAndEightBitFilesAreReadAsMono16Bit() throws Exception {
        Path stereo = wav(1, 16, 2, 16_000, new double[] {0.5, -0.5, 0.25, 0.25});
        short[] mono = drain(WavSource.open(stereo));
        assertEquals(List.of((short) 0, (short) 8192), List.of(mono[0], mono[1]), "channels are averaged");
        Path floats = wav(3, 32, 1, 16_000, new double[] {0.5, -1.0});
        short[] f = drain(WavSource.open(floats));
        assertEquals(16_384, f[0], 1);
        assertEquals(-32_767, f[1], 1);
        Path bytes = wav(1, 8, 1, 16_000, new double[] {0.5});
        assertEquals(16_384, drain(WavSource.open(bytes))[0], 256);
    }

    @Test
    void whatIsNotAWavIsRefusedByName() throws Exception {
        Path junk = Files.writeString(dir.resolve("notes.wav"), "hello");
        BaasException e = assertThrows(BaasException.class, () -> WavSource.open(junk));
        assertTrue(e.getMessage().contains("notes.wav") && e.getMessage().contains("RIFF"), e.getMessage());
    }

    @Test
    void chunksEndAtPausesAndSilenceIsMarked() throws Exception {
        // 6 s tone, 1 s silence, 6 s tone, 30 s silence.
        short[] audio = new short[16_000 * 43];
        System.arraycopy(sine(300, 16_000, 6, 8_000), 0, audio, 0, 96_000);
        System.arraycopy(sine(300, 16_000, 6, 8_000), 0, audio, 16_000 * 7, 96_000);
        SilenceChunker chunker = new SilenceChunker(SampleSource.of(audio, 16_000), 4, 20);
        List<SilenceChunker.Chunk> chunks = new ArrayList<>();
        for (Optional<SilenceChunker.Chunk> c = chunker.next(); c.isPresent(); c = chunker.next()) chunks.add(c.get());
        assertEquals(0, chunks.get(0).startSample());
        double firstEnd = chunks.get(0).samples().length / 16_000.0;
        assertTrue(firstEnd > 6 && firstEnd < 7, "the first chunk ends in the pause: " + firstEnd);
        assertTrue(chunks.get(0).hasSpeech() && chunks.get(1).hasSpeech());
        assertEquals(chunks.get(0).samples().length, chunks.get(1).startSample(), "chunks are contiguous");
        assertFalse(chunks.getLast().hasSpeech(), "trailing silence is marked so it is not decoded");
        assertEquals(audio.length, chunks.stream().mapToInt(c -> c.samples().length).sum(), "no sample is lost");
    }

    @Test
    void speechWithoutPausesIsCutAtTheMaximumLength() throws Exception {
        short[] audio = sine(300, 16_000, 50, 8_000);
        SilenceChunker chunker = new SilenceChunker(SampleSource.of(audio, 16_000), 4, 20);
        for (Optional<SilenceChunker.Chunk> c = chunker.next(); c.isPresent(); c = chunker.next()) {
            assertTrue(c.get().samples().length <= 20 * 16_000, "chunk of " + c.get().samples().length);
        }
    }

    /** A WAV of the given format with the given samples in [-1, 1]. */
    private Path wav(int format, int bits, int channels, int rate, double[] samples) throws Exception {
        ByteBuffer data = ByteBuffer.allocate(samples.length * bits / 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double s : samples) {
            switch (bits) {
                case 8 -> data.put((byte) (128 + Math.round(s * 127)));
                case 16 -> data.putShort((short) Math.round(s * 32767));
                default -> data.putFloat((float) s);
            }
        }
        ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        int frame = channels * bits / 8;
        h.put("RIFF".getBytes()).putInt(36 + data.capacity()).put("WAVE".getBytes());
        h.put("fmt ".getBytes()).putInt(16).putShort((short) format).putShort((short) channels).putInt(rate)
                .putInt(rate * frame).putShort((short) frame).putShort((short) bits);
        h.put("data".getBytes()).putInt(data.capacity());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(h.array());
        out.write(data.array());
        return Files.write(dir.resolve("f" + format + "b" + bits + "c" + channels + ".wav"), out.toByteArray());
    }
}
