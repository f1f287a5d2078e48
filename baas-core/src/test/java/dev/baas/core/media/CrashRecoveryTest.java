package dev.baas.core.media;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A recorder process killed with SIGKILL mid-meeting leaves a video that plays up to shortly before the kill. */
class CrashRecoveryTest {
    @TempDir Path dir;

    @Test
    void aKilledRecorderLeavesAPlayableVideo() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), CrashingMeeting.class.getName(), dir.toString(), "10"));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long encodedMicros;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
                assertNotNull(line, "the recording process ended before encoding");
            } while (!line.startsWith("ENCODED "));
            encodedMicros = Long.parseLong(line.substring("ENCODED ".length()));
        } finally {
            p.destroyForcibly(); // SIGKILL: no finish(), no trailer, no shutdown hooks
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(137, p.exitValue(), "killed by SIGKILL");

        Path video = dir.resolve("video.mp4");
        assertEquals("h264,aac", Probe.codecs(video));
        Decoded d = Decoded.of(video, new double[]{0.5, 0.5});
        double encoded = encodedMicros / 1e6;
        // what was in the last, unfinished fragment (fragments are cut at least every second) is lost
        assertTrue(encoded > 9, "encoded before the kill: " + encoded);
        assertTrue(d.videoSeconds(MediaRecorderTest.FPS) >= encoded - 1.5, "video plays for " + d.videoSeconds(MediaRecorderTest.FPS));
        assertTrue(d.audioSeconds() >= encoded - 1.5, "audio plays for " + d.audioSeconds());
        assertTrue(Decoded.near(d.colourAt(d.videoSeconds(MediaRecorderTest.FPS) - 0.5, 0), Color.ORANGE, 40));
    }
}
