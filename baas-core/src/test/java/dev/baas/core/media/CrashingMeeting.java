package dev.baas.core.media;

import dev.baas.spi.AudioFrame;
import dev.baas.spi.RecordingMode;

import java.awt.Color;
import java.nio.file.Path;

/**
 * A process that records a meeting and is then killed before it can finish: records {@code args[1]} seconds into
 * {@code args[0]}, prints {@code ENCODED <micros>} once the encoder has handled every frame, then waits to be killed.
 */
public final class CrashingMeeting {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        double seconds = Double.parseDouble(args[1]);
        MediaRecorder r = new MediaRecorder(dir, RecordingMode.SPEAKER_VIEW, MediaRecorderTest.SETTINGS, "crashing");
        r.record(true);
        new Script()
                .audio(AudioFrame.MIX, 0, seconds, t -> Synthetic.tone(AudioFrame.MIX, t, 300, 3000))
                .solidCamera("a", 0, seconds, 10, Color.ORANGE).speaker(0, "a", "Ada")
                .play(r);
        r.awaitBacklog(0);
        System.out.println("ENCODED " + r.stats().encodedMicros());
        System.out.flush();
        System.in.read(); // until killed
    }
}
