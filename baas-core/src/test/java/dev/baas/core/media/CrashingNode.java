package dev.baas.core.media;

import dev.baas.core.Baas;
import dev.baas.core.BotEvent;
import dev.baas.core.FakePlatform;
import dev.baas.core.db.Database;
import dev.baas.core.store.JooqBotStore;
import dev.baas.core.webhook.UrlGuard;
import dev.baas.spi.AudioFrame;
import dev.baas.spi.BotConfig;
import dev.baas.spi.BotStatusCode;
import dev.baas.spi.MeetingEvent;

import java.awt.Color;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A node that is killed with its bots mid-way: in {@code args[0]} (H2 database and recordings) one bot records
 * {@code args[1]} seconds of a meeting, one is still joining, one is scheduled for later. Prints
 * {@code READY <recording> <joining> <scheduled> <encoded micros>} once the recording is on disk, then waits to be
 * killed.
 */
public final class CrashingNode {
    public static final String HOOK = "http://127.0.0.1:9/hook";

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        double seconds = Double.parseDouble(args[1]);
        Database db = Database.open(Optional.empty(), data);
        FakePlatform platform = new FakePlatform();
        LinkedBlockingQueue<MediaRecorder> recorders = new LinkedBlockingQueue<>();
        Baas baas = Baas.builder().platform(platform).store(new JooqBotStore(db)).dataDirectory(data)
                .urlGuard(new UrlGuard(true))
                .recorders((id, config, dir) -> {
                    MediaRecorder r = new MediaRecorder(dir, config.recordingMode(), MediaRecorderTest.SETTINGS, "recorder-" + id);
                    recorders.add(r);
                    return r;
                }).build();
        CountDownLatch recording = new CountDownLatch(1);
        baas.onEvent(e -> {
            if (e instanceof BotEvent.StatusChanged s && s.code() == BotStatusCode.IN_CALL_RECORDING) recording.countDown();
        });
        UUID recorded = baas.join(BotConfig.builder("https://fake.test/recorded", "Recorder").webhookUrl(HOOK).build());
        FakePlatform.FakeSession session = platform.awaitSession();
        MediaRecorder recorder = recorders.take();
        session.context.emit(new MeetingEvent.Admitted(Instant.now()));
        recording.await();
        new Script()
                .audio(AudioFrame.MIX, 0, seconds, t -> Synthetic.tone(AudioFrame.MIX, t, 300, 3000))
                .audio("ada", 0, seconds, t -> Synthetic.tone("ada", t, 300, 3000))
                .solidCamera("ada", 0, seconds, 10, Color.ORANGE).speaker(0, "ada", "Ada")
                .play(recorder);
        recorder.awaitBacklog(0);
        UUID joining = baas.join(BotConfig.builder("https://fake.test/joining", "Joiner").webhookUrl(HOOK).build());
        platform.awaitSession(); // in its meeting's lobby: joining_call, nothing recorded
        UUID scheduled = baas.join(BotConfig.builder("https://fake.test/later", "Later").webhookUrl(HOOK)
                .startTime(Instant.now().plusSeconds(3600).getEpochSecond()).build());
        System.out.println("READY " + recorded + " " + joining + " " + scheduled + " " + recorder.stats().encodedMicros());
        System.out.flush();
        System.in.read(); // until killed
    }
}
