package dev.baas.core;

import dev.baas.spi.BotStatusCode;
import dev.baas.spi.Transcript;
import dev.baas.spi.Word;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who spoke when, in seconds from the start of the recording, as the platform reported it (its active-speaker
 * indicator). Gives speakers to the words of a mixed track, where the audio itself does not say who spoke.
 */
public record SpeakerTimeline(List<Interval> intervals) {
    /** A word this far from every speaking interval still goes to the nearest one: speaker indicators lag the voice. */
    static final double NEAREST_WITHIN_SECONDS = 1.0;

    /** One speaker talking from {@code start} to {@code end} seconds. */
    public record Interval(String speaker, double start, double end) {}

    public SpeakerTimeline {
        intervals = intervals.stream().sorted(Comparator.comparingDouble(Interval::start)).toList();
    }

    public static SpeakerTimeline empty() { return new SpeakerTimeline(List.of()); }

    public boolean isEmpty() { return intervals.isEmpty(); }

    /**
     * The timeline of a bot from its events: time 0 is the {@code in_call_recording} status (its {@code start_time}),
     * speaking intervals come from {@link BotEvent.Speaker}; one still open ends at {@code end}.
     */
    public static SpeakerTimeline fromEvents(List<BotEvent> events, Instant end) {
        Optional<Instant> start = events.stream()
                .filter(e -> Baas.is(e, BotStatusCode.IN_CALL_RECORDING)).findFirst().map(BotEvent::at);
        if (start.isEmpty()) return empty();
        Map<String, Instant> open = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        List<Interval> out = new ArrayList<>();
        for (BotEvent e : events) {
            if (!(e instanceof BotEvent.Speaker s)) continue;
            String id = s.participant().id();
            names.put(id, s.participant().name());
            if (s.speaking()) {
                open.putIfAbsent(id, s.at());
            } else {
                Instant from = open.remove(id);
                if (from != null) add(out, names.get(id), start.get(), from, s.at());
            }
        }
        open.forEach((id, from) -> add(out, names.get(id), start.get(), from, end));
        return new SpeakerTimeline(out);
    }

    private static void add(List<Interval> out, String name, Instant zero, Instant from, Instant to) {
        double a = Math.max(0, seconds(zero, from)), b = seconds(zero, to);
        if (b > a) out.add(new Interval(name, a, b));
    }

    private static double seconds(Instant zero, Instant at) { return Duration.between(zero, at).toNanos() / 1e9; }

    /**
     * The speaker of a stretch of audio: whoever spoke most of it; if nobody spoke during it, whoever spoke closest
     * to it (within {@link #NEAREST_WITHIN_SECONDS}).
     */
    public Optional<String> speakerOf(double start, double end) {
        Map<String, Double> overlap = new HashMap<>();
        for (Interval i : intervals) {
            double o = Math.min(end, i.end()) - Math.max(start, i.start());
            if (o > 0 || (o == 0 && start == end && i.start() <= start && start <= i.end())) overlap.merge(i.speaker(), o, Double::sum);
        }
        if (!overlap.isEmpty()) return overlap.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
        String nearest = null;
        double best = NEAREST_WITHIN_SECONDS;
        for (Interval i : intervals) {
            double gap = Math.max(i.start() - end, start - i.end());
            if (gap <= best) {
                best = gap;
                nearest = i.speaker();
            }
        }
        return Optional.ofNullable(nearest);
    }

    /** The transcript with each word given the speaker the timeline says; words keep their time order. */
    public Transcript attribute(Transcript transcript) {
        if (isEmpty()) return transcript;
        List<Word> words = new ArrayList<>();
        for (Word w : transcript.words()) {
            Optional<String> who = speakerOf(w.start(), w.end());
            words.add(who.isPresent() ? w.withSpeaker(who.get()) : w);
        }
        words.sort(Comparator.comparingDouble(Word::start));
        return new Transcript(words, transcript.language(), transcript.engine());
    }
}
