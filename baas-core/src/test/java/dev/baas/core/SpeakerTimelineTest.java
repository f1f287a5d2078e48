package dev.baas.core;

import dev.baas.spi.BotStatusCode;
import dev.baas.spi.Participant;
import dev.baas.spi.Transcript;
import dev.baas.spi.Word;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SpeakerTimelineTest {
    static final UUID BOT = UUID.randomUUID();
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    static final Participant ALICE = Participant.of("p1", "Alice"), BOB = Participant.of("p2", "Bob");

    static BotEvent speaks(Participant p, double seconds, boolean on) {
        return new BotEvent.Speaker(BOT, T0.plusMillis((long) (seconds * 1000)), p, on);
    }

    static BotEvent recording(double seconds) {
        return new BotEvent.StatusChanged(BOT, T0.plusMillis((long) (seconds * 1000)), BotStatusCode.IN_CALL_RECORDING, Map.of());
    }

    static List<String> speakers(Transcript t) { return t.words().stream().map(w -> w.speaker().orElse("?")).toList(); }

    @Test
    void intervalsAreSecondsFromTheRecordingStartAndOpenOnesEndWithTheBot() {
        SpeakerTimeline t = SpeakerTimeline.fromEvents(List.of(speaks(BOB, 1, true), recording(2), speaks(ALICE, 3, true),
                speaks(ALICE, 5.5, false), speaks(BOB, 6, false), speaks(ALICE, 8, true)), T0.plusSeconds(10));
        assertEquals(List.of(new SpeakerTimeline.Interval("Bob", 0, 4), new SpeakerTimeline.Interval("Alice", 1, 3.5),
                new SpeakerTimeline.Interval("Alice", 6, 8)), t.intervals());
    }

    @Test
    void noRecordingStartMeansNoTimeline() {
        assertEquals(SpeakerTimeline.empty(), SpeakerTimeline.fromEvents(List.of(speaks(ALICE, 1, true)), T0.plusSeconds(3)));
    }

    @Test
    void eachWordGoesToWhoeverSpokeMostOfIt() {
        SpeakerTimeline t = new SpeakerTimeline(List.of(new SpeakerTimeline.Interval("Alice", 0, 2.1),
                new SpeakerTimeline.Interval("Bob", 2.0, 4)));
        Transcript out = t.attribute(new Transcript(List.of(Word.of("hello", 0.2, 0.6), Word.of("there", 1.9, 2.3),
                Word.of("yes", 2.2, 2.6), Word.of("fine", 3.5, 3.9)), Optional.of("en"), "x"));
        assertEquals(List.of("Alice", "Bob", "Bob", "Bob"), speakers(out));
        assertEquals(List.of("hello", "there", "yes", "fine"), out.words().stream().map(Word::text).toList());
    }

    @Test
    void overlappingSpeechKeepsBothSpeakersWordsInTimeOrder() {
        SpeakerTimeline t = new SpeakerTimeline(List.of(new SpeakerTimeline.Interval("Alice", 0, 3),
                new SpeakerTimeline.Interval("Bob", 1.5, 5)));
        Transcript out = t.attribute(new Transcript(List.of(Word.of("one", 0.1, 0.5), Word.of("two", 1.6, 2.0),
                Word.of("three", 2.8, 3.4), Word.of("four", 4.0, 4.4)), Optional.empty(), "x"));
        // "two" lies inside both intervals: a tie goes to one of them, never drops the word
        assertEquals(4, out.words().size());
        assertEquals("Alice", speakers(out).get(0));
        assertEquals("Bob", speakers(out).get(2));
        assertEquals("Bob", speakers(out).get(3));
        assertEquals(List.of(0.1, 1.6, 2.8, 4.0), out.words().stream().map(Word::start).toList());
    }

    @Test
    void aWordJustOutsideEveryIntervalGoesToTheNearestAndFarOnesStayUnattributed() {
        SpeakerTimeline t = new SpeakerTimeline(List.of(new SpeakerTimeline.Interval("Alice", 1, 2),
                new SpeakerTimeline.Interval("Bob", 5, 6)));
        Transcript out = t.attribute(new Transcript(List.of(Word.of("late", 2.4, 2.7), Word.of("early", 4.3, 4.6),
                Word.of("alone", 10, 10.5)), Optional.empty(), "x"));
        assertEquals(List.of("Alice", "Bob", "?"), speakers(out));
    }
}
