package dev.baas.core.media;

import dev.baas.spi.AudioFrame;
import dev.baas.spi.MeetingArtifacts;
import dev.baas.spi.RecordingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A bot's recording in two pieces, the first left by a node that died mid-meeting and the second recorded after
 * the bot joined again, becomes one recording: the pieces' pictures and sound in order, every participant's track
 * as long as the whole, nothing encoded twice.
 */
class SegmentsTest {
    static final double[] CENTRE = {0.5, 0.5};
    @TempDir Path bot;

    /** Records {@code seconds} into {@code dir}: a camera in {@code colour} and participant {@code who} speaking a tone. */
    private static MeetingArtifacts piece(Path dir, RecordingMode mode, double seconds, java.awt.Color colour, String who,
                                          double hz) throws IOException {
        MediaRecorder r = new MediaRecorder(dir, mode, MediaRecorderTest.SETTINGS, "piece");
        r.record(true);
        new Script()
                .audio(AudioFrame.MIX, 0, seconds, t -> Synthetic.tone(AudioFrame.MIX, t, hz, 3000))
                .audio(who, 0, seconds, t -> Synthetic.tone(who, t, hz, 3000))
                .solidCamera(who, 0, seconds, 10, colour).speaker(0, who, who)
                .play(r);
        return r.finish();
    }

    /** Cuts the end off a file, as a SIGKILL does to what the writer had not flushed. */
    private static void cut(Path file, double keep) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength((long) (f.length() * keep));
        }
    }

    @Test
    void aVideoRecordingInTwoPiecesPlaysAsOne() throws IOException {
        piece(bot, RecordingMode.SPEAKER_VIEW, 6, MediaRecorderTest.RED, "ada", 300);
        cut(bot.resolve("video.mp4"), 0.7); // the node died: its last fragments never reached the disk
        cut(bot.resolve("participant-ada.wav"), 0.8);
        Path segment = Segments.next(bot, 1_000);
        MeetingArtifacts latest = piece(segment, RecordingMode.SPEAKER_VIEW, 4, MediaRecorderTest.BLUE, "bob", 700);

        List<MeetingArtifacts> earlier = Segments.recorded(bot, Optional.of(segment), 16_000);
        assertEquals(1, earlier.size(), "the dead node's piece, not the one just recorded");
        double firstPlays = Salvage.playableSeconds(bot.resolve("video.mp4")); // once its torn fragment is dropped
        List<MeetingArtifacts> pieces = new java.util.ArrayList<>(earlier);
        pieces.add(latest);
        MeetingArtifacts joined = Segments.join(pieces, bot.resolve("joined"));

        Path video = joined.video().orElseThrow();
        assertEquals("video.mp4", video.getFileName().toString());
        assertEquals("h264,aac", Probe.codecs(video));
        Decoded d = Decoded.of(video, CENTRE);
        double total = firstPlays + 4;
        assertTrue(firstPlays > 2 && firstPlays < 6, "the cut first piece plays " + firstPlays + " s");
        assertEquals(total, d.videoSeconds(MediaRecorderTest.FPS), 0.5, "both pieces' pictures");
        assertTrue(Decoded.near(d.colourAt(1, 0), MediaRecorderTest.RED, 40), "first piece first: " + d.colourAt(1, 0));
        assertTrue(Decoded.near(d.colourAt(total - 1, 0), MediaRecorderTest.BLUE, 40), "then the second: " + d.colourAt(total - 1, 0));
        assertEquals(total, d.audioSeconds(), 0.5, "both pieces' sound");

        assertEquals(java.util.Set.of("ada", "bob"), joined.participantAudio().keySet());
        short[] ada = samples(joined.participantAudio().get("ada"));
        short[] bob = samples(joined.participantAudio().get("bob"));
        assertEquals(ada.length, bob.length, "every participant's track lasts the whole recording");
        assertEquals(joined.durationSeconds() * 16_000, ada.length, 16_000 * 0.05);
        int split = (int) (earlier.getFirst().durationSeconds() * 16_000);
        assertTrue(rms(ada, 0, split) > 1000 && rms(ada, split, ada.length) < 10, "Ada spoke in the first piece only");
        assertTrue(rms(bob, 0, split) < 10 && rms(bob, split, bob.length) > 1000, "Bob spoke in the second piece only");
        assertEquals(earlier.getFirst().durationSeconds() + latest.durationSeconds(), joined.durationSeconds(), 1e-9);
    }

    @Test
    void anAudioOnlyRecordingInPiecesIsOneMp3() throws IOException {
        MeetingArtifacts first = piece(bot, RecordingMode.AUDIO_ONLY, 3, MediaRecorderTest.RED, "ada", 300);
        Path second = Segments.next(bot, 2_000), third = Segments.next(bot, 10_000);
        piece(third, RecordingMode.AUDIO_ONLY, 2, MediaRecorderTest.RED, "ada", 500);
        piece(second, RecordingMode.AUDIO_ONLY, 4, MediaRecorderTest.RED, "bob", 700);

        List<MeetingArtifacts> all = Segments.recorded(bot, Optional.empty(), 16_000);
        assertEquals(List.of(3.0, 4.0, 2.0), all.stream().map(a -> (double) Math.round(a.durationSeconds())).toList(),
                "pieces in the order they were started");
        MeetingArtifacts joined = Segments.join(all, bot.resolve("joined"));
        Path mp3 = joined.audio().orElseThrow();
        assertEquals("audio.mp3", mp3.getFileName().toString());
        assertEquals("mp3", Probe.codecs(mp3));
        Decoded d = Decoded.of(mp3);
        assertEquals(9, d.audioSeconds(), 0.3, "three pieces of sound, one after the other");
        assertTrue(first.audio().isPresent());
        assertEquals(9, samples(joined.participantAudio().get("ada")).length / 16_000.0, 0.05);
    }

    @Test
    void oneUsablePieceIsDeliveredAsItIs() throws IOException {
        MeetingArtifacts only = piece(bot, RecordingMode.AUDIO_ONLY, 2, MediaRecorderTest.RED, "ada", 300);
        Files.createDirectories(Segments.next(bot, 5)); // a segment whose node died before recording anything
        List<MeetingArtifacts> pieces = Segments.recorded(bot, Optional.empty(), 16_000);
        assertEquals(1, pieces.size());
        assertEquals(only.audio(), Segments.join(pieces, bot.resolve("joined")).audio());
        assertFalse(Files.exists(bot.resolve("joined")));
    }

    private static short[] samples(Path wav) throws IOException {
        byte[] b = Files.readAllBytes(wav);
        short[] s = new short[(b.length - 44) / 2];
        ByteBuffer.wrap(b, 44, b.length - 44).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(s);
        return s;
    }

    private static double rms(short[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) sum += (double) s[i] * s[i];
        return Math.sqrt(sum / Math.max(1, to - from));
    }
}
