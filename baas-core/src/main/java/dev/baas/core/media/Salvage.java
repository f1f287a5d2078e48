package dev.baas.core.media;

import dev.baas.spi.MeetingArtifacts;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a recorder killed mid-meeting left in a bot's folder, made deliverable: WAV headers are fixed to the data
 * that reached the disk, and only files a player can open are kept. The video is fragmented MP4 and the MP3 a
 * stream of frames, so both play up to about a second before the kill as they are.
 */
public final class Salvage {
    private static final System.Logger LOG = System.getLogger(Salvage.class.getName());
    private static final String PARTICIPANT = "participant-";

    private Salvage() {}

    /** The recording in {@code dir}, or empty when nothing playable was written. */
    public static Optional<MeetingArtifacts> recordingIn(Path dir, int sampleRate) throws IOException {
        if (!Files.isDirectory(dir)) return Optional.empty();
        double seconds = 0;
        Optional<Path> audio = Optional.empty();
        Path wav = dir.resolve("audio.wav");
        if (Files.isRegularFile(wav)) {
            long samples = WavWriter.repair(wav, sampleRate);
            if (samples > 0) {
                audio = Optional.of(wav);
                seconds = samples / (double) sampleRate;
            }
        }
        Path mp3 = dir.resolve("audio.mp3");
        if (audio.isEmpty() && Files.isRegularFile(mp3)) {
            double length = playableSeconds(mp3);
            if (length > 0) {
                audio = Optional.of(mp3);
                seconds = Math.max(seconds, length);
            }
        }
        Path mp4 = dir.resolve("video.mp4");
        if (Files.isRegularFile(mp4)) dropTornBox(mp4);
        Optional<Path> video = Optional.of(mp4).filter(Files::isRegularFile).filter(v -> playableSeconds(v) > 0);
        Map<String, Path> participants = new LinkedHashMap<>();
        for (Path track : participantTracks(dir)) {
            long samples = WavWriter.repair(track, sampleRate);
            if (samples == 0) continue;
            String name = track.getFileName().toString();
            participants.put(name.substring(PARTICIPANT.length(), name.length() - ".wav".length()), track);
            seconds = Math.max(seconds, samples / (double) sampleRate);
        }
        if (video.isPresent() && seconds == 0) seconds = playableSeconds(video.get());
        if (audio.isEmpty() && video.isEmpty() && participants.isEmpty()) return Optional.empty();
        return Optional.of(new MeetingArtifacts(video, audio, participants, seconds));
    }

    /**
     * Cuts off a box the process was writing when it died, unless it is media data: players refuse a file whose
     * last fragment header is torn, while a torn media box still plays up to where it stops.
     */
    static void dropTornBox(Path mp4) throws IOException {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(mp4.toFile(), "rw")) {
            long length = f.length(), at = 0;
            while (at + 8 <= length) {
                f.seek(at);
                long size = f.readInt() & 0xffffffffL;
                byte[] type = new byte[4];
                f.readFully(type);
                if (size == 1 && at + 16 <= length) size = f.readLong();
                if (size < 8) return; // not a box this recorder writes: leave the file to the player
                if (at + size > length) {
                    if (!"mdat".equals(new String(type, java.nio.charset.StandardCharsets.US_ASCII))) {
                        LOG.log(System.Logger.Level.INFO, mp4 + ": dropping a torn box at byte " + at);
                        f.setLength(at);
                    }
                    return;
                }
                at += size;
            }
            if (at < length) f.setLength(at); // a box header cut short
        }
    }

    private static List<Path> participantTracks(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith(PARTICIPANT) && n.endsWith(".wav") && Files.isRegularFile(f);
            }).sorted().toList();
        }
    }

    /** How long a player says the file lasts; 0 when it cannot be opened or holds no frame. */
    static double playableSeconds(Path file) {
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile())) {
            g.start();
            if (g.grab() == null) return 0;
            return Math.max(g.getLengthInTime(), 1) / 1e6;
        } catch (FrameGrabber.Exception | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, file + " left by a stopped recorder is not playable: " + e.getMessage());
            return 0;
        }
    }
}
