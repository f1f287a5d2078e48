package dev.baas.core.media;

import dev.baas.spi.AudioFrame;
import dev.baas.spi.MeetingArtifacts;
import dev.baas.spi.RecordingMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MediaRecorderTest {
    static final int FPS = 15;
    static final RecordingSettings SETTINGS = RecordingSettings.defaults().withSize(640, 360).withFps(FPS)
            .withQueue(1_000_000, 4L << 30); // tests feed faster than real time and must not drop
    static final double[] CENTRE = {0.5, 0.5};
    /** A point on a full-frame name card's disc, left of the initial (the disc is a third of the height across). */
    static final double[] CARD_DISC = {0.5 - 0.15 * 360 / 640.0, 0.5 - 1 / 12.0};
    static final Color RED = new Color(220, 30, 30);
    static final Color GREEN = new Color(30, 200, 60);
    static final Color BLUE = new Color(40, 60, 220);
    static final Color YELLOW = new Color(230, 210, 40);

    @TempDir Path dir;

    private MediaRecorder recorder(RecordingMode mode) {
        MediaRecorder r = new MediaRecorder(dir, mode, SETTINGS, "test-recorder");
        r.record(true);
        return r;
    }

    private static Script mixSilence(double seconds) {
        return new Script().audio(AudioFrame.MIX, 0, seconds, s -> Synthetic.silence(AudioFrame.MIX, s));
    }

    private static void assertSeconds(double expected, double actual, double tolerance, String what) {
        assertTrue(Math.abs(expected - actual) <= tolerance,
                what + ": expected " + expected + " s ± " + tolerance + ", was " + actual);
    }

    @Test
    void speakerViewShowsWhoeverHasTheFloorAndSwitchesOnTime() throws IOException {
        Script s = mixSilence(12)
                .solidCamera("a", 0, 12, 10, RED).solidCamera("b", 0, 12, 10, GREEN).solidCamera("c", 0, 12, 10, BLUE)
                .speaker(0, "a", "Ada").speaker(4, "b", "Bob").speaker(8, "c", "Cy");
        MediaRecorder r = recorder(RecordingMode.SPEAKER_VIEW);
        s.play(r);
        MeetingArtifacts out = r.finish();

        assertEquals(0, r.stats().dropped());
        Path video = out.video().orElseThrow();
        assertEquals(dir.resolve("video.mp4"), video);
        Decoded d = Decoded.of(video, CENTRE);
        assertEquals("h264,aac", Probe.codecs(video));
        assertSeconds(12, out.durationSeconds(), 0.001, "reported duration");
        assertSeconds(12, d.videoSeconds(FPS), 0.12, "video duration");
        assertSeconds(12, d.audioSeconds(), 0.12, "audio duration");
        assertTrue(Decoded.near(d.colourAt(2, 0), RED, 40), "at 2 s: " + d.colourAt(2, 0));
        assertTrue(Decoded.near(d.colourAt(6, 0), GREEN, 40), "at 6 s: " + d.colourAt(6, 0));
        assertTrue(Decoded.near(d.colourAt(10, 0), BLUE, 40), "at 10 s: " + d.colourAt(10, 0));
        assertSeconds(4, d.firstSeen(GREEN, 0, 40).orElseThrow(), 0.1, "switch to the second speaker");
        assertSeconds(8, d.firstSeen(BLUE, 0, 40).orElseThrow(), 0.1, "switch to the third speaker");
    }

    @Test
    void soundAndPictureStayInSync() throws IOException {
        // a clapperboard: a loud burst and a white picture at the same media time, 5 s in
        Color dark = new Color(30, 30, 30);
        Script s = new Script()
                .audio(AudioFrame.MIX, 0, 10, t -> t >= 5 && t < 5.1
                        ? Synthetic.tone(AudioFrame.MIX, t, 1000, 20_000) : Synthetic.silence(AudioFrame.MIX, t))
                .solidCamera("a", 0, 5, 30, dark).solidCamera("a", 5, 5.3, 30, Color.WHITE).solidCamera("a", 5.3, 10, 30, dark)
                .speaker(0, "a", "Ada");
        MediaRecorder r = recorder(RecordingMode.SPEAKER_VIEW);
        s.play(r);
        Decoded d = Decoded.of(r.finish().video().orElseThrow(), CENTRE);

        double sound = d.firstLoud(8000).orElseThrow();
        double flash = d.firstSeen(Color.WHITE, 0, 40).orElseThrow();
        assertSeconds(5, sound, 0.01, "the clap's sound");
        assertSeconds(5, flash, 1.0 / FPS, "the clap's picture");
        assertSeconds(sound, flash, 0.1, "picture against sound");
    }

    @Test
    void galleryShowsEveryParticipantWithTheirName() throws IOException {
        Script s = mixSilence(6)
                .solidCamera("a", 0, 6, 10, RED).solidCamera("b", 0, 6, 10, GREEN)
                .solidCamera("c", 0, 6, 10, BLUE).solidCamera("d", 0, 6, 10, YELLOW)
                .speaker(0.1, "a", "Ada").speaker(0.2, "b", "Bob").speaker(0.3, "c", "Cy").speaker(0.4, "d", "Di");
        MediaRecorder r = recorder(RecordingMode.GALLERY_VIEW);
        s.play(r);
        double[][] tileCentres = {{0.25, 0.25}, {0.75, 0.25}, {0.25, 0.75}, {0.75, 0.75}};
        Decoded d = Decoded.of(r.finish().video().orElseThrow(), tileCentres);

        Color[] expected = {RED, GREEN, BLUE, YELLOW};
        for (int i = 0; i < 4; i++) {
            assertTrue(Decoded.near(d.colourAt(3, i), expected[i], 40), "tile " + i + ": " + d.colourAt(3, i));
        }
        assertSeconds(6, d.videoSeconds(FPS), 0.06, "video duration");
    }

    @Test
    void galleryDrawsNamesOnTheTiles() throws IOException {
        Script s = mixSilence(2).solidCamera("a", 0, 2, 10, RED).speaker(0.1, "a", "WWWWWWWW");
        MediaRecorder r = recorder(RecordingMode.GALLERY_VIEW);
        s.play(r);
        // the label sits at the bottom left; sample a row through it
        double[][] row = new double[60][];
        for (int i = 0; i < row.length; i++) row[i] = new double[]{0.02 + i * 0.004, 0.935};
        Decoded d = Decoded.of(r.finish().video().orElseThrow(), row);
        Color[] seen = d.pictures().get(d.pictures().size() / 2).colours();
        long light = java.util.Arrays.stream(seen).filter(c -> c.getRed() + c.getGreen() + c.getBlue() > 500).count();
        long dark = java.util.Arrays.stream(seen).filter(c -> c.getRed() + c.getGreen() + c.getBlue() < 200).count();
        assertTrue(light > 0 && dark > 0, "white letters on a dark label across the row; light " + light + ", dark " + dark);
    }

    @Test
    void withoutAnyVideoTheSpeakerViewShowsTheSpeakersName() throws IOException {
        Script s = mixSilence(6).speaker(0, "alice", "Alice").speaker(3, "bob", "Bob");
        MediaRecorder r = recorder(RecordingMode.SPEAKER_VIEW);
        s.play(r);
        Decoded d = Decoded.of(r.finish().video().orElseThrow(), CARD_DISC);

        assertEquals("h264", d.videoCodec());
        assertSeconds(6, d.videoSeconds(FPS), 0.06, "video duration");
        assertTrue(Decoded.near(d.colourAt(1.5, 0), Canvas.colour(0), 30), "Alice's card: " + d.colourAt(1.5, 0));
        assertTrue(Decoded.near(d.colourAt(4.5, 0), Canvas.colour(1), 30), "Bob's card: " + d.colourAt(4.5, 0));
        assertSeconds(3, d.firstSeen(Canvas.colour(1), 0, 30).orElseThrow(), 0.1, "switch to Bob");
    }

    @Test
    void speakersAnnouncedBeforeTheFirstFrameStillTakeTheFloorOnTime() throws IOException {
        MediaRecorder r = recorder(RecordingMode.SPEAKER_VIEW);
        r.speaker("a", "Ada", true, Synthetic.at(0));
        r.speaker("b", "Bob", true, Synthetic.at(2));
        mixSilence(4).solidCamera("a", 0, 4, 10, RED).solidCamera("b", 0, 4, 10, GREEN).play(r);
        Decoded d = Decoded.of(r.finish().video().orElseThrow(), CENTRE);
        assertTrue(Decoded.near(d.colourAt(1, 0), RED, 40), "at 1 s: " + d.colourAt(1, 0));
        assertSeconds(2, d.firstSeen(GREEN, 0, 40).orElseThrow(), 0.07, "Bob takes the floor");
    }

    @Test
    void theMeetingViewIsShownWhenThereAreNoCameras() throws IOException {
        Color magenta = new Color(200, 40, 200);
        Script s = mixSilence(3).camera(0, 3, 5, t -> Synthetic.jpeg(dev.baas.spi.VideoFrame.VIEW, t, 320, 180, magenta))
                .speaker(0, "a", "Ada");
        MediaRecorder r = recorder(RecordingMode.SPEAKER_VIEW);
        s.play(r);
        Decoded d = Decoded.of(r.finish().video().orElseThrow(), CENTRE);
        assertTrue(Decoded.near(d.colourAt(1.5, 0), magenta, 40), "view: " + d.colourAt(1.5, 0));
        assertEquals(0, r.stats().badVideo());
    }

    @Test
    void framesThatCannotBeDecodedAreCountedAndTheNameCardShown() throws IOException {
        byte[] garbage = "not a picture".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Script s = mixSilence(2).speaker(0, "a", "Ada")
                .camera(0, 2, 5, t -> new dev.baas.spi.VideoFrame("a", Synthetic.at(t), 64, 36, "jpeg", garbage));
        MediaRecorder r = recorder(RecordingMode.SPEAKER_VIEW);
        s.play(r);
        Decoded d = Decoded.of(r.finish().video().orElseThrow(), CARD_DISC);
        assertTrue(r.stats().badVideo() > 0, "bad frames: " + r.stats());
        assertTrue(Decoded.near(d.colourAt(1, 0), Canvas.colour(0), 30), "Ada's card: " + d.colourAt(1, 0));
    }

    @Test
    void audioOnlyGivesAnMp3OfTheMixAndATrackPerParticipant() throws IOException {
        Script s = new Script()
                .audio(AudioFrame.MIX, 0, 8, t -> t >= 3 && t < 3.2
                        ? Synthetic.tone(AudioFrame.MIX, t, 440, 20_000) : Synthetic.silence(AudioFrame.MIX, t))
                // Bob joins late and speaks at 6 s: his track still starts with the meeting
                .audio("alice", 0, 8, t -> t >= 3 && t < 3.2 ? Synthetic.tone("alice", t, 440, 20_000) : Synthetic.silence("alice", t))
                .audio("bob", 5, 8, t -> t >= 6 && t < 6.2 ? Synthetic.tone("bob", t, 440, 20_000) : Synthetic.silence("bob", t))
                .solidCamera("alice", 0, 8, 10, RED);
        MediaRecorder r = recorder(RecordingMode.AUDIO_ONLY);
        s.play(r);
        MeetingArtifacts out = r.finish();

        assertTrue(out.video().isEmpty());
        assertFalse(Files.exists(dir.resolve("video.mp4")));
        Decoded mix = Decoded.of(out.audio().orElseThrow());
        assertEquals(dir.resolve("audio.mp3"), out.audio().orElseThrow());
        assertEquals("mp3", Probe.codecs(out.audio().orElseThrow()));
        assertSeconds(8, mix.audioSeconds(), 0.08, "mp3 duration");
        assertSeconds(3, mix.firstLoud(8000).orElseThrow(), 0.05, "tone in the mix");

        Map<String, Path> tracks = out.participantAudio();
        assertEquals(java.util.Set.of("alice", "bob"), tracks.keySet());
        Decoded bob = Decoded.of(tracks.get("bob"));
        assertSeconds(8, bob.audioSeconds(), 0.02, "Bob's track length");
        assertSeconds(6, bob.firstLoud(8000).orElseThrow(), 0.02, "Bob's words");
        assertSeconds(3, Decoded.of(tracks.get("alice")).firstLoud(8000).orElseThrow(), 0.02, "Alice's words");
    }

    @Test
    void videoModesAlsoKeepTheMixAsWav() throws IOException {
        Script s = new Script().audio(AudioFrame.MIX, 0, 4, t -> t >= 2 && t < 2.2
                ? Synthetic.tone(AudioFrame.MIX, t, 440, 20_000) : Synthetic.silence(AudioFrame.MIX, t));
        MediaRecorder r = recorder(RecordingMode.SPEAKER_VIEW);
        s.play(r);
        MeetingArtifacts out = r.finish();
        assertEquals(dir.resolve("audio.wav"), out.audio().orElseThrow());
        Decoded wav = Decoded.of(out.audio().orElseThrow());
        assertSeconds(4, wav.audioSeconds(), 0.01, "wav length");
        assertSeconds(2, wav.firstLoud(8000).orElseThrow(), 0.01, "tone in the wav");
    }

    @Test
    void aPauseIsCutOutOfTheRecording() throws IOException {
        Script s = mixSilence(12).solidCamera("a", 0, 6, 10, RED).solidCamera("a", 6, 12, 10, GREEN)
                .speaker(0, "a", "Ada")
                .at(4, r -> r.record(false)).at(8, r -> r.record(true));
        MediaRecorder r = recorder(RecordingMode.SPEAKER_VIEW);
        s.play(r);
        MeetingArtifacts out = r.finish();
        Decoded d = Decoded.of(out.video().orElseThrow(), CENTRE);
        assertSeconds(8, out.durationSeconds(), 0.05, "recording without the pause");
        assertSeconds(8, d.videoSeconds(FPS), 0.1, "video without the pause");
        assertTrue(Decoded.near(d.colourAt(3, 0), RED, 40));
        // the first green picture is taken at 8.1 s, 0.08 s after the first frame kept after the pause (8.02 s)
        assertSeconds(4.1, d.firstSeen(GREEN, 0, 40).orElseThrow(), 0.05, "the recording resumes where it stopped");
    }

    @Test
    void whoeverSpokeDuringAPauseHasTheFloorWhenRecordingResumes() throws IOException {
        Script s = mixSilence(10).solidCamera("a", 0, 10, 10, RED).solidCamera("b", 0, 10, 10, GREEN)
                .speaker(0, "a", "Ada").speaker(5, "b", "Bob")
                .at(3, r -> r.record(false)).at(7, r -> r.record(true));
        MediaRecorder r = recorder(RecordingMode.SPEAKER_VIEW);
        s.play(r);
        Decoded d = Decoded.of(r.finish().video().orElseThrow(), CENTRE);
        assertTrue(Decoded.near(d.colourAt(2.5, 0), RED, 40));
        assertSeconds(3.0, d.firstSeen(GREEN, 0, 40).orElseThrow(), 0.1, "Bob has the floor from the resume on");
    }

    @Test
    void aCaptureThatStallsForMinutesIsCutNotFilled() throws IOException {
        Script s = mixSilence(2).audio(AudioFrame.MIX, 600, 602, t -> Synthetic.silence(AudioFrame.MIX, t))
                .solidCamera("a", 0, 2, 10, RED).solidCamera("a", 600, 602, 10, GREEN).speaker(0, "a", "Ada");
        MediaRecorder r = recorder(RecordingMode.SPEAKER_VIEW);
        s.play(r);
        MeetingArtifacts out = r.finish();
        assertSeconds(4, out.durationSeconds(), 0.05, "recording without the stall");
        Decoded d = Decoded.of(out.video().orElseThrow(), CENTRE);
        assertSeconds(2, d.firstSeen(GREEN, 0, 40).orElseThrow(), 0.1, "the capture goes on after the stall");
    }

    @Test
    void framesAreDroppedAndCountedWhenTheEncoderFallsBehind() throws IOException {
        MediaRecorder r = new MediaRecorder(dir, RecordingMode.SPEAKER_VIEW, SETTINGS.withQueue(3, 1 << 20), "tiny-queue");
        r.record(true);
        int offered = 3000;
        new Script().audio(AudioFrame.MIX, 0, offered * 0.02, t -> Synthetic.silence(AudioFrame.MIX, t)).play(r);
        MeetingArtifacts out = r.finish();
        RecorderStats stats = r.stats();
        assertTrue(stats.droppedAudio() > 0, "drops: " + stats);
        assertEquals(offered, stats.audioFrames() + stats.droppedAudio());
        assertEquals("h264", Decoded.of(out.video().orElseThrow(), CENTRE).videoCodec());
    }

    @Test
    void aBotThatRecordedNothingLeavesNoFiles() throws IOException {
        MediaRecorder r = recorder(RecordingMode.SPEAKER_VIEW);
        assertEquals(MeetingArtifacts.none(), r.finish());
        r.close();
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void framesOfAnotherRateAreResampled() throws IOException {
        MediaRecorder r = recorder(RecordingMode.AUDIO_ONLY);
        short[] loud = new short[960]; // 20 ms at 48 kHz
        for (int i = 0; i < loud.length; i++) loud[i] = (short) (i % 2 == 0 ? 20_000 : -20_000);
        for (int i = 0; i < 100; i++) r.audio(new AudioFrame("x", Synthetic.at(i * 0.02), 48_000, i == 50 ? loud : new short[960]));
        Path track = r.finish().participantAudio().get("x");
        Decoded d = Decoded.of(track);
        assertEquals(16_000, d.sampleRate());
        assertSeconds(2, d.audioSeconds(), 0.001, "track length");
        assertSeconds(1, d.firstLoud(1000).orElseThrow(), 0.002, "the loud frame");
        assertNotEquals(0, d.audio().length);
    }
}
