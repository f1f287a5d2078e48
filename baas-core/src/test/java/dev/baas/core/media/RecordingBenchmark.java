package dev.baas.core.media;

import dev.baas.spi.AudioFrame;
import dev.baas.spi.MeetingArtifacts;
import dev.baas.spi.RecordingMode;
import dev.baas.spi.VideoFrame;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What recording costs: replays made-up meetings (frames at their real rate and timestamps, fed as fast as the
 * encoder takes them) and prints CPU seconds per meeting minute and how long {@code finish()} takes to close the
 * files. Run: {@code java -cp <test classpath> dev.baas.core.media.RecordingBenchmark [minutes [scenario]]}.
 */
public final class RecordingBenchmark {
    private static final int PARTICIPANTS = 3;

    private enum Input { NONE, VIEW_JPEG, CAMERAS }

    private record Scenario(String name, RecordingMode mode, Input input) {}

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("audio_only", RecordingMode.AUDIO_ONLY, Input.NONE),
            new Scenario("speaker_view, 720p JPEG view frames", RecordingMode.SPEAKER_VIEW, Input.VIEW_JPEG),
            new Scenario("speaker_view, no video (name cards)", RecordingMode.SPEAKER_VIEW, Input.NONE),
            new Scenario("gallery_view, 640x360 cameras", RecordingMode.GALLERY_VIEW, Input.CAMERAS));

    /** Arguments: meeting minutes (default 10), then optionally the start of one scenario's name. */
    public static void main(String[] args) throws Exception {
        double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 10;
        String only = args.length > 1 ? args[1] : "";
        RecordingSettings settings = RecordingSettings.defaults();
        System.out.printf("recording %s x%d @ %d fps, %.0f-minute meetings, %d participants, %d cores%n",
                settings.width(), settings.height(), settings.fps(), minutes, PARTICIPANTS,
                Runtime.getRuntime().availableProcessors());
        run("warm-up", RecordingMode.SPEAKER_VIEW, Input.VIEW_JPEG, 0.1, settings);
        for (Scenario s : SCENARIOS) {
            if (s.name().startsWith(only)) run(s.name(), s.mode(), s.input(), minutes, settings);
        }
        if (only.isEmpty()) { // the time to finish must not grow with the meeting's length
            run("speaker_view, 720p JPEG view frames", RecordingMode.SPEAKER_VIEW, Input.VIEW_JPEG, 1, settings);
        }
    }

    private static void run(String name, RecordingMode mode, Input input, double minutes, RecordingSettings settings)
            throws Exception {
        Path dir = Files.createTempDirectory("baas-bench");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<VideoFrame> pictures = pictures(input);
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        MediaRecorder r = new MediaRecorder(dir, mode, settings, "bench");
        r.record(true);
        long steps = Math.round(minutes * 60 * 1_000_000 / Synthetic.AUDIO_MICROS);
        short[] voice = new short[Synthetic.RATE * Synthetic.AUDIO_MICROS / 1_000_000];
        for (int i = 0; i < voice.length; i++) voice[i] = (short) (3000 * Math.sin(i * 0.3));
        short[] quiet = new short[voice.length];
        long frameMicros = 1_000_000L / 15;
        long nextPicture = 0;
        int picture = 0;
        String speaker = null;
        for (long step = 0; step < steps; step++) {
            long t = step * Synthetic.AUDIO_MICROS;
            long at = Synthetic.T0 + t;
            String talking = "p" + (t / 7_000_000 % PARTICIPANTS);
            if (!talking.equals(speaker)) {
                r.speaker(talking, "Participant " + talking, true, at);
                speaker = talking;
            }
            r.audio(new AudioFrame(AudioFrame.MIX, at, Synthetic.RATE, voice));
            for (int p = 0; p < PARTICIPANTS; p++) {
                String id = "p" + p;
                r.audio(new AudioFrame(id, at, Synthetic.RATE, id.equals(talking) ? voice : quiet));
            }
            while (input != Input.NONE && nextPicture <= t) {
                VideoFrame proto = pictures.get(picture++ % pictures.size());
                if (input == Input.VIEW_JPEG) {
                    r.video(new VideoFrame(VideoFrame.VIEW, Synthetic.T0 + nextPicture, proto.width(), proto.height(), proto.format(), proto.data()));
                } else {
                    for (int p = 0; p < PARTICIPANTS; p++) {
                        r.video(new VideoFrame("p" + p, Synthetic.T0 + nextPicture, proto.width(), proto.height(), proto.format(), proto.data()));
                    }
                }
                nextPicture += frameMicros;
            }
            if (step % 50 == 0) r.awaitBacklog(200);
        }
        int backlog = r.stats().queued(); // finish() encodes what is still queued, as it would live
        long finishStart = System.nanoTime();
        MeetingArtifacts out = r.finish();
        long finishNanos = System.nanoTime() - finishStart;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        double wall = (System.nanoTime() - wall0) / 1e9;
        RecorderStats s = r.stats();
        long bytes = out.video().or(out::audio).map(p -> p.toFile().length()).orElse(0L);
        System.out.printf("%-40s %5.1f min: CPU %6.1f s = %5.2f CPU-s per meeting minute; wall %6.1f s; finish() %4d ms"
                        + " (%3d frames queued); file %6.1f MB; video frames %d; dropped %d%n",
                name, minutes, cpu, cpu / minutes, wall, finishNanos / 1_000_000, backlog, bytes / 1e6,
                s.encodedVideoFrames(), s.dropped());
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A few different pictures to cycle through, so the encoder sees motion and the decoder real JPEGs. */
    private static List<VideoFrame> pictures(Input input) throws Exception {
        if (input == Input.NONE) return List.of();
        int w = input == Input.VIEW_JPEG ? 1280 : 640;
        int h = input == Input.VIEW_JPEG ? 720 : 360;
        return Stream.iterate(0, i -> i + 1).limit(30).map(i -> {
            BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = img.createGraphics();
            g.setColor(new Color(40, 44, 52));
            g.fillRect(0, 0, w, h);
            g.setColor(Color.getHSBColor(i / 30f, 0.5f, 0.8f));
            g.fillOval(w / 4 + i * 8, h / 4, w / 3, h / 2);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, h / 12));
            g.drawString("frame " + i, w / 10, h - h / 10);
            g.dispose();
            if (input == Input.CAMERAS) {
                byte[] bgr = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
                return new VideoFrame("p", 0, w, h, "bgr24", bgr);
            }
            try {
                var out = new ByteArrayOutputStream();
                ImageIO.write(img, "jpeg", out);
                return new VideoFrame(VideoFrame.VIEW, 0, w, h, "jpeg", out.toByteArray());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).toList();
    }
}
