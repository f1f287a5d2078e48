package dev.baas.core.media;

import dev.baas.spi.MeetingArtifacts;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_NOFILE;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

/**
 * A recording made in pieces. When the node running a bot dies and another node joins the meeting again, what the
 * first node recorded stays in the bot's folder (a folder every node reaches) and the new recording goes into a
 * {@code segment-<millis>} folder inside it. At the end the pieces become one recording, oldest first: the MP4 or MP3
 * by copying the encoded packets (nothing is encoded again), the WAV files sample by sample. Each piece keeps its
 * own length in every file, so a participant who spoke in one piece only is silent in the others and all files stay
 * in step.
 */
public final class Segments {
    private static final System.Logger LOG = System.getLogger(Segments.class.getName());
    static final String PREFIX = "segment-";
    private static final AVRational MICROS = av_make_q(1, 1_000_000);

    private Segments() {}

    /** The folder a bot records into when it joins its meeting again at {@code millis}. */
    public static Path next(Path botDir, long millis) { return botDir.resolve(PREFIX + millis); }

    /**
     * What every piece of a bot's recording holds, oldest first, leaving out the folder {@code except} (the piece
     * being recorded now). Pieces whose recorder died are made playable first ({@link Salvage}); empty ones are left
     * out.
     */
    public static List<MeetingArtifacts> recorded(Path botDir, Optional<Path> except, int sampleRate) throws IOException {
        List<MeetingArtifacts> pieces = new ArrayList<>();
        for (Path dir : folders(botDir)) {
            if (except.isPresent() && dir.normalize().equals(except.get().normalize())) continue;
            Salvage.recordingIn(dir, sampleRate).ifPresent(pieces::add);
        }
        return pieces;
    }

    /** The bot's own folder, then its segments in the order they were started. */
    static List<Path> folders(Path botDir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(botDir)) return out;
        out.add(botDir);
        try (Stream<Path> files = Files.list(botDir)) {
            files.filter(Files::isDirectory).filter(d -> d.getFileName().toString().startsWith(PREFIX))
                    .sorted(java.util.Comparator.comparingLong(Segments::startedAt)).forEach(out::add);
        }
        return out;
    }

    private static long startedAt(Path segment) {
        try {
            return Long.parseLong(segment.getFileName().toString().substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * The pieces as one recording written into {@code out}, with the usual file names; a single piece is answered
     * as it is.
     */
    public static MeetingArtifacts join(List<MeetingArtifacts> pieces, Path out) throws IOException {
        if (pieces.isEmpty()) return MeetingArtifacts.none();
        if (pieces.size() == 1) return pieces.getFirst();
        Files.createDirectories(out);
        double seconds = pieces.stream().mapToDouble(MeetingArtifacts::durationSeconds).sum();

        Optional<Path> video = Optional.empty();
        List<Path> videos = pieces.stream().flatMap(p -> p.video().stream()).toList();
        if (!videos.isEmpty()) video = Optional.of(concatPackets(videos, out.resolve("video.mp4"), "mp4"));

        Optional<Path> audio = Optional.empty();
        Optional<Path> lastAudio = pieces.getLast().audio().or(() -> pieces.stream().flatMap(p -> p.audio().stream()).findFirst());
        if (lastAudio.isPresent()) {
            String name = lastAudio.get().getFileName().toString();
            if (name.endsWith(".wav")) {
                audio = Optional.of(concatWav(pieces, MeetingArtifacts::audio, out.resolve(name)));
            } else {
                List<Path> files = pieces.stream().flatMap(p -> p.audio().stream()).toList();
                audio = Optional.of(concatPackets(files, out.resolve(name), name.substring(name.lastIndexOf('.') + 1)));
            }
        }

        Set<String> names = new LinkedHashSet<>();
        pieces.forEach(p -> names.addAll(p.participantAudio().keySet()));
        Map<String, Path> participants = new LinkedHashMap<>();
        for (String who : names) {
            Path first = pieces.stream().map(p -> p.participantAudio().get(who)).filter(java.util.Objects::nonNull).findFirst().orElseThrow();
            participants.put(who, concatWav(pieces, p -> Optional.ofNullable(p.participantAudio().get(who)),
                    out.resolve(first.getFileName().toString())));
        }
        LOG.log(System.Logger.Level.INFO, "joined " + pieces.size() + " recorded pieces into " + out + " ("
                + Math.round(seconds) + " s)");
        return new MeetingArtifacts(video, audio, participants, seconds);
    }

    /**
     * One WAV from the pieces' files picked by {@code file}, each piece padded with silence to its length (or made
     * of silence when it has no such file), so the result lines up with the other files.
     */
    static Path concatWav(List<MeetingArtifacts> pieces, java.util.function.Function<MeetingArtifacts, Optional<Path>> file,
                          Path out) throws IOException {
        int rate = pieces.stream().flatMap(p -> file.apply(p).stream()).findFirst().map(Segments::wavRate)
                .orElseThrow(() -> new IOException("no WAV file to join into " + out.getFileName()));
        try (WavWriter w = new WavWriter(out, rate)) {
            byte[] buffer = new byte[64 * 1024];
            for (MeetingArtifacts piece : pieces) {
                long want = Math.round(piece.durationSeconds() * rate);
                long written = 0;
                Optional<Path> in = file.apply(piece);
                if (in.isPresent()) {
                    if (wavRate(in.get()) != rate) throw new IOException(in.get() + " is not at " + rate + " Hz like the other pieces");
                    try (RandomAccessFile f = new RandomAccessFile(in.get().toFile(), "r")) {
                        long remaining = Math.max(0, f.length() - 44) & ~1L;
                        f.seek(44);
                        short[] samples = new short[buffer.length / 2];
                        while (remaining > 0) {
                            int n = (int) Math.min(buffer.length, remaining);
                            f.readFully(buffer, 0, n);
                            ByteBuffer.wrap(buffer, 0, n).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples, 0, n / 2);
                            w.write(samples, 0, n / 2);
                            written += n / 2;
                            remaining -= n;
                        }
                    }
                }
                if (written < want) w.writeSilence(want - written);
            }
        }
        return out;
    }

    /** The sample rate in the header of a WAV file this engine wrote. */
    private static int wavRate(Path wav) {
        try (RandomAccessFile f = new RandomAccessFile(wav.toFile(), "r")) {
            f.seek(24);
            byte[] b = new byte[4];
            f.readFully(b);
            return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * One file of {@code format} holding the encoded packets of {@code inputs} one after the other: each input's
     * timestamps move on by where the previous inputs ended. The inputs must hold the same kinds of streams with the
     * same codecs, as pieces from one recorder's settings do. A piece cut short by a crash counts up to its last
     * whole packet.
     */
    static Path concatPackets(List<Path> inputs, Path out, String format) throws IOException {
        AVFormatContext output = new AVFormatContext(null);
        check(avformat_alloc_output_context2(output, null, format, out.toString()), "prepare " + out.getFileName());
        AVPacket packet = av_packet_alloc();
        List<Integer> codecs = new ArrayList<>(); // the codec of each output stream, from the first input
        long[] lastDts = null;
        boolean headerWritten = false;
        try {
            long offsetMicros = 0;
            for (Path input : inputs) {
                AVFormatContext in = new AVFormatContext(null);
                check(avformat_open_input(in, input.toString(), null, null), "open " + input);
                try {
                    check(avformat_find_stream_info(in, (PointerPointer<?>) null), "read the streams of " + input);
                    if (!headerWritten) {
                        for (int i = 0; i < in.nb_streams(); i++) {
                            AVCodecParameters from = in.streams(i).codecpar();
                            AVStream st = avformat_new_stream(output, null);
                            check(avcodec_parameters_copy(st.codecpar(), from), "copy the stream parameters of " + input);
                            st.codecpar().codec_tag(0);
                            st.time_base(in.streams(i).time_base());
                            codecs.add(from.codec_id());
                        }
                        if ((output.oformat().flags() & AVFMT_NOFILE) == 0) {
                            AVIOContext io = new AVIOContext(null);
                            check(avio_open(io, out.toString(), AVIO_FLAG_WRITE), "create " + out);
                            output.pb(io);
                        }
                        check(avformat_write_header(output, (PointerPointer<?>) null), "write the header of " + out.getFileName());
                        headerWritten = true;
                        lastDts = new long[codecs.size()];
                        java.util.Arrays.fill(lastDts, Long.MIN_VALUE);
                    }
                    if (in.nb_streams() != codecs.size())
                        throw new IOException(input + " has " + in.nb_streams() + " streams, the first piece " + codecs.size());
                    for (int i = 0; i < codecs.size(); i++) {
                        if (in.streams(i).codecpar().codec_id() != codecs.get(i))
                            throw new IOException(input + " stream " + i + " is encoded differently from the first piece");
                    }
                    long endMicros = offsetMicros;
                    while (av_read_frame(in, packet) >= 0) {
                        try {
                            int s = packet.stream_index();
                            AVRational from = in.streams(s).time_base();
                            AVRational to = output.streams(s).time_base();
                            av_packet_rescale_ts(packet, from, to);
                            long shift = av_rescale_q(offsetMicros, MICROS, to);
                            if (packet.pts() != AV_NOPTS_VALUE) packet.pts(packet.pts() + shift);
                            if (packet.dts() != AV_NOPTS_VALUE) {
                                long dts = Math.max(packet.dts() + shift, lastDts[s] == Long.MIN_VALUE ? Long.MIN_VALUE : lastDts[s] + 1);
                                packet.dts(dts);
                                if (packet.pts() != AV_NOPTS_VALUE && packet.pts() < dts) packet.pts(dts);
                                lastDts[s] = dts;
                            }
                            long at = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
                            if (at != AV_NOPTS_VALUE) endMicros = Math.max(endMicros, av_rescale_q(at + packet.duration(), to, MICROS));
                            packet.pos(-1);
                            check(av_interleaved_write_frame(output, packet), "write " + out.getFileName());
                        } finally {
                            av_packet_unref(packet);
                        }
                    }
                    offsetMicros = endMicros;
                } finally {
                    avformat_close_input(in);
                }
            }
            if (headerWritten) check(av_write_trailer(output), "finish " + out.getFileName());
        } finally {
            av_packet_free(packet);
            if (output.pb() != null && (output.oformat().flags() & AVFMT_NOFILE) == 0) avio_closep(output.pb());
            avformat_free_context(output);
        }
        return out;
    }

    private static void check(int result, String what) throws IOException {
        if (result < 0) throw new IOException("cannot " + what + " (FFmpeg error " + result + ")");
    }
}
