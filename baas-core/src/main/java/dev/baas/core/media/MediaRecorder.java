package dev.baas.core.media;

import dev.baas.core.logging.ProgressLog;
import dev.baas.spi.AudioFrame;
import dev.baas.spi.MeetingArtifacts;
import dev.baas.spi.RecordingMode;
import dev.baas.spi.VideoFrame;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records a meeting as it happens, encoding on a thread of its own:
 * <ul>
 *   <li>{@code audio_only}: {@code audio.mp3}, the mixed audio;</li>
 *   <li>{@code speaker_view}: {@code video.mp4} (H.264 + AAC) showing whoever has the floor;</li>
 *   <li>{@code gallery_view}: {@code video.mp4} with everyone in a grid;</li>
 * </ul>
 * and, in the video modes, the mixed audio as {@code audio.wav}; in every mode each participant's audio as
 * {@code participant-<id>.wav}, all on one timeline. Capture threads only hand frames over through a bounded
 * queue; when the encoder falls behind, new frames are dropped and counted ({@link #stats()}) rather than making
 * capture wait. The video file is fragmented MP4, so a process killed mid-meeting leaves a playable recording.
 */
public final class MediaRecorder implements Recorder {
    private static final System.Logger LOG = System.getLogger(MediaRecorder.class.getName());

    private final RecordingSettings settings;
    private final RecordingMode mode;
    private final Encoder encoder;
    private final LinkedBlockingQueue<Work> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queuedFrames = new AtomicInteger();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final LongAdder audioFrames = new LongAdder();
    private final LongAdder videoFrames = new LongAdder();
    private final LongAdder droppedAudio = new LongAdder();
    private final LongAdder droppedVideo = new LongAdder();
    private final Thread thread;
    private final String subject;
    private final Clock clock;
    private final AtomicLong firstTakenMicros = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong newestTakenMicros = new AtomicLong(Long.MIN_VALUE);
    private volatile long newestEncodedMicros = Long.MIN_VALUE;
    /** Set once the recording ends: how the encoding of what is still queued goes. */
    private volatile ProgressLog finishing;
    private final Object progress = new Object();
    private volatile int waiting;
    private volatile boolean recording;
    private boolean everRecorded;
    private boolean ended;
    private MeetingArtifacts artifacts;
    private IOException failure;

    public MediaRecorder(Path dir, RecordingMode mode, RecordingSettings settings, String threadName) {
        this(dir, mode, settings, threadName, "recording " + threadName, Clock.systemUTC());
    }

    /** A bot's recorder: its thread and its progress lines name the bot. */
    public MediaRecorder(Path dir, RecordingMode mode, RecordingSettings settings, UUID botId, Clock clock) {
        this(dir, mode, settings, "recorder-" + botId, "recording of bot " + botId, clock);
    }

    private MediaRecorder(Path dir, RecordingMode mode, RecordingSettings settings, String threadName, String subject,
                          Clock clock) {
        this.settings = settings;
        this.mode = mode;
        this.subject = subject;
        this.clock = clock;
        this.encoder = new Encoder(dir, mode, settings);
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).start(this::encode);
    }

    @Override
    public synchronized void record(boolean on) {
        if (ended) return;
        if (on && !recording && everRecorded) queue.add(new Work.Resume());
        if (on) everRecorded = true;
        recording = on;
    }

    @Override
    public void audio(AudioFrame frame) {
        if (!recording) return;
        if (offer(new Work.Audio(frame))) audioFrames.increment();
        else droppedAudio.increment();
    }

    @Override
    public void video(VideoFrame frame) {
        if (!recording || mode == RecordingMode.AUDIO_ONLY) return;
        if (offer(new Work.Video(frame))) videoFrames.increment();
        else droppedVideo.increment();
    }

    @Override
    public void speaker(String participantId, String name, boolean speaking, long timestampMicros) {
        queue.add(new Work.Speaker(participantId, name, speaking, timestampMicros));
    }

    private boolean offer(Work.Media media) {
        long bytes = media.bytes();
        int frames = queuedFrames.incrementAndGet();
        long total = queuedBytes.addAndGet(bytes);
        if (frames > settings.queueFrames() || total > settings.queueBytes()) {
            queuedFrames.decrementAndGet();
            queuedBytes.addAndGet(-bytes);
            return false;
        }
        firstTakenMicros.compareAndSet(Long.MIN_VALUE, media.micros());
        newestTakenMicros.accumulateAndGet(media.micros(), Math::max);
        queue.add(media);
        return true;
    }

    /** Frames taken, dropped and encoded so far. */
    @Override
    public RecorderStats stats() {
        int queued = queuedFrames.get();
        long taken = newestTakenMicros.get();
        long encoded = newestEncodedMicros;
        // before anything is encoded, the lag counts from the first frame taken
        long lag = queued == 0 || taken == Long.MIN_VALUE ? 0
                : Math.max(0, taken - (encoded == Long.MIN_VALUE ? firstTakenMicros.get() : encoded));
        return new RecorderStats(audioFrames.sum(), videoFrames.sum(), droppedAudio.sum(), droppedVideo.sum(),
                encoder.badFrames(), encoder.encodedFrames(), encoder.encodedMicros(), queued, lag);
    }

    @Override
    public Optional<ProgressLog.Snapshot> progress() {
        ProgressLog p = finishing;
        return p == null ? Optional.empty() : Optional.of(p.snapshot());
    }

    private void encode() {
        IOException broken = null;
        while (true) {
            Work w;
            try {
                w = queue.take();
            } catch (InterruptedException e) {
                // nothing interrupts this thread but the JVM going down; keep what is written
                broken = new IOException("recording interrupted", e);
                break;
            }
            if (w instanceof Work.End) break;
            if (broken == null) { // once broken, keep draining so capture never waits on a dead recording
                try {
                    encoder.handle(w);
                } catch (IOException | RuntimeException e) {
                    broken = e instanceof IOException io ? io : new IOException("recording failed: " + e, e);
                    broken = encoder.closeAll(broken);
                }
            }
            if (w instanceof Work.Media m) {
                newestEncodedMicros = Math.max(newestEncodedMicros, m.micros());
                int left = queuedFrames.decrementAndGet();
                queuedBytes.addAndGet(-m.bytes());
                ProgressLog p = finishing;
                if (p != null) p.advance(p.total() - left);
                if (waiting > 0) {
                    synchronized (progress) {
                        progress.notifyAll();
                    }
                }
            }
        }
        MeetingArtifacts done = null;
        if (broken == null) {
            try {
                done = encoder.finish();
                ProgressLog p = finishing;
                if (p != null) p.finish();
            } catch (IOException | RuntimeException e) {
                broken = e instanceof IOException io ? io : new IOException("recording failed: " + e, e);
                broken = encoder.closeAll(broken);
            }
        } else {
            broken = encoder.closeAll(broken);
        }
        synchronized (this) {
            artifacts = done;
            failure = broken;
        }
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    /**
     * Waits until at most {@code frames} frames wait for the encoder (all handled, for 0). For feeders that may be
     * slowed down, such as a file replayed faster than real time; live capture never waits.
     */
    void awaitBacklog(int frames) throws InterruptedException {
        synchronized (progress) {
            waiting++;
            try {
                while (queuedFrames.get() > frames && thread.isAlive()) progress.wait();
            } finally {
                waiting--;
            }
        }
    }

    /** Stops taking frames, encodes what is queued and closes the files; takes about as long as the queue holds. */
    @Override
    public MeetingArtifacts finish() throws IOException {
        end();
        synchronized (this) {
            if (failure != null) throw failure;
            RecorderStats s = stats();
            if (s.dropped() > 0) {
                LOG.log(System.Logger.Level.WARNING, subject + " dropped " + s.droppedAudio() + " audio and "
                        + s.droppedVideo() + " video frames because encoding fell behind");
            }
            return artifacts;
        }
    }

    /** Same as {@link #finish()} for a bot that failed: what was recorded stays on disk. */
    @Override
    public void close() {
        try {
            end();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, subject + " could not be closed cleanly: " + e.getMessage());
        }
    }

    private void end() throws IOException {
        synchronized (this) {
            if (!ended) {
                ended = true;
                recording = false;
                finishing = new ProgressLog("encoding", subject, ProgressLog.Unit.FRAMES, queuedFrames.get(), clock, ProgressLog.EVERY);
                queue.add(new Work.End());
            }
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while closing the recording", e);
        }
    }
}
