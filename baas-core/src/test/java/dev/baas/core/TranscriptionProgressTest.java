package dev.baas.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.baas.core.logging.JsonLogFormatter;
import dev.baas.core.logging.ProgressLog;
import dev.baas.core.store.InMemoryBotStore;
import dev.baas.spi.BotConfig;
import dev.baas.spi.MeetingArtifacts;
import dev.baas.spi.SpeechToText;
import dev.baas.spi.SpeechToTextProvider;
import dev.baas.spi.Transcript;
import dev.baas.spi.TranscriptionRequest;
import dev.baas.spi.Word;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A minute of audio transcribed at the speed of speech: the log tells how it goes every few seconds, with rising
 * percentages, the bot's id and the time left, then 100 %; the engine tells the same to whoever asks meanwhile, and
 * measures the provider's real-time factor.
 */
class TranscriptionProgressTest {
    static final Pattern LINE = Pattern.compile("transcribing bot ([0-9a-f-]{36}): (\\d+)% \\((\\d+) s of 60 s audio\\)(?:, ETA (\\d+) s|, took (\\d+) s)");

    final FakeTime time = new FakeTime(Instant.parse("2026-11-25T10:00:00Z"));
    final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    final Logger progressLogger = Logger.getLogger(ProgressLog.class.getName());
    final Handler capture = new Handler() {
        @Override public void publish(LogRecord r) { logged.add(r); }

        @Override public void flush() { }

        @Override public void close() { }
    };
    @TempDir Path dir;
    Baas baas;

    /** Transcribes a second of audio per second of the test's clock, saying so as it goes. */
    final class RealTimeProvider implements SpeechToTextProvider {
        final List<Optional<ProgressLog.Snapshot>> seenMidway = new ArrayList<>();
        UUID bot;

        @Override public String name() { return "RealTime"; }

        @Override public boolean requiresApiKey() { return false; }

        @Override public Transcript transcribe(TranscriptionRequest request) { throw new AssertionError("the engine asks for progress"); }

        @Override
        public Transcript transcribe(TranscriptionRequest request, DoubleConsumer transcribedSeconds) {
            for (int s = 1; s <= 60; s++) {
                time.advance(Duration.ofSeconds(1));
                transcribedSeconds.accept(s);
                if (s == 24) seenMidway.add(baas.progress(bot));
            }
            return new Transcript(List.of(Word.of("hello", 1, 1.5)), Optional.of("en"), "realtime");
        }
    }

    @AfterEach
    void stop() {
        progressLogger.removeHandler(capture);
        if (baas != null) baas.close();
    }

    @Test
    void aLongTranscriptionLogsRisingPercentagesWithTheBotAndTheTimeLeftThenOneHundred() throws Exception {
        RealTimeProvider provider = new RealTimeProvider();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        baas = Baas.builder().platform(new FakePlatform()).speechToText(provider).clock(time).scheduler(time)
                .store(new InMemoryBotStore()).dataDirectory(dir).meterRegistry(meters).build();
        progressLogger.addHandler(capture);
        UUID bot = baas.join(BotConfig.builder("https://fake.test/room-1", "Notes").build());
        provider.bot = bot;
        Path wav = silence(dir.resolve("audio.wav"), 60);

        Transcript t = baas.retranscribe(bot, new MeetingArtifacts(Optional.empty(), Optional.of(wav), Map.of(), 0),
                SpeechToText.of("RealTime")).get(10, TimeUnit.SECONDS);
        assertEquals("hello", t.words().getFirst().text());

        List<Integer> percents = new ArrayList<>();
        JsonLogFormatter json = new JsonLogFormatter();
        ObjectMapper mapper = new ObjectMapper();
        for (LogRecord r : logged) {
            JsonNode line = mapper.readTree(json.format(r));
            Matcher m = LINE.matcher(line.get("message").asText());
            assertTrue(m.matches(), "a line a person can read: " + line);
            assertEquals(bot.toString(), m.group(1));
            assertEquals(bot.toString(), line.get("bot_id").asText(), "the JSON line carries the bot");
            int percent = Integer.parseInt(m.group(2));
            if (percent < 100) {
                long left = Long.parseLong(m.group(4));
                long done = Long.parseLong(m.group(3));
                assertEquals(60 - done, left, "at the speed so far, the rest takes as long as it has audio: " + line);
            }
            percents.add(percent);
        }
        assertTrue(percents.size() >= 5 && percents.size() <= 13, "every few seconds, not every second: " + percents);
        for (int i = 1; i < percents.size(); i++) assertTrue(percents.get(i) > percents.get(i - 1), "rising: " + percents);
        assertEquals(100, percents.getLast(), "ends at 100 %: " + percents);
        assertEquals(1, percents.stream().filter(p -> p == 100).count(), "100 % said once");

        ProgressLog.Snapshot midway = provider.seenMidway.getFirst().orElseThrow();
        assertEquals("transcribing", midway.stage());
        assertEquals(40, midway.percent());
        assertEquals(Optional.of(Duration.ofSeconds(36)), midway.eta());
        assertEquals(Optional.empty(), baas.progress(bot), "nothing under way once it is done");

        assertEquals(1, meters.get("baas.stt.rtf").tag("provider", "RealTime").summary().count());
        assertEquals(1.0, meters.get("baas.stt.rtf").summary().max(), 1e-9, "a minute of audio in a minute");
        assertEquals(0, meters.get("baas.stt.queue").gauge().value());
    }

    static Path silence(Path file, int seconds) throws Exception {
        AudioFormat f = new AudioFormat(16_000, 16, 1, true, false);
        byte[] pcm = new byte[16_000 * 2 * seconds];
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), f, pcm.length / 2), AudioFileFormat.Type.WAVE, file.toFile());
        return file;
    }
}
