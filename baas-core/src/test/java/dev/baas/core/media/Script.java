package dev.baas.core.media;

import dev.baas.spi.AudioFrame;
import dev.baas.spi.VideoFrame;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.DoubleFunction;

/** A made-up meeting: what happens at which media time, played into a recorder in time order, as fast as it takes. */
final class Script {
    private record Step(long micros, long order, Consumer<Recorder> action) {}

    private final List<Step> steps = new ArrayList<>();

    Script audio(AudioFrame f) { return add(f.timestampMicros(), r -> r.audio(f)); }

    Script video(VideoFrame f) { return add(f.timestampMicros(), r -> r.video(f)); }

    Script speaker(double seconds, String id, String name) {
        return add(Synthetic.at(seconds), r -> r.speaker(id, name, true, Synthetic.at(seconds)));
    }

    /** 20 ms audio frames of {@code source} from {@code from} to {@code to} seconds. */
    Script audio(String source, double from, double to, DoubleFunction<AudioFrame> frame) {
        for (long us = Math.round(from * 1e6); us < Math.round(to * 1e6); us += Synthetic.AUDIO_MICROS) {
            audio(frame.apply(us / 1e6));
        }
        return this;
    }

    /** A camera (or the view) at {@code fps} from {@code from} to {@code to} seconds. */
    Script camera(double from, double to, int fps, DoubleFunction<VideoFrame> frame) {
        long step = 1_000_000L / fps;
        for (long us = Math.round(from * 1e6); us < Math.round(to * 1e6); us += step) video(frame.apply(us / 1e6));
        return this;
    }

    Script solidCamera(String id, double from, double to, int fps, Color c) {
        VideoFrame proto = Synthetic.solid(id, 0, 64, 36, c);
        return camera(from, to, fps, s -> new VideoFrame(id, Synthetic.at(s), 64, 36, "bgr24", proto.data()));
    }

    Script at(double seconds, Consumer<Recorder> action) { return add(Synthetic.at(seconds), action); }

    private Script add(long micros, Consumer<Recorder> action) {
        steps.add(new Step(micros, steps.size(), action));
        return this;
    }

    void play(Recorder r) {
        steps.stream().sorted(Comparator.comparingLong(Step::micros).thenComparingLong(Step::order))
                .forEach(s -> s.action().accept(r));
    }
}
