package dev.baas.sandbox;

import java.time.Duration;
import java.time.Instant;

/** Something a scripted participant said: when its audio started playing into the meeting and how long it lasts. */
public record Utterance(String participant, String text, Instant onset, Duration duration) {
    public Instant end() { return onset.plus(duration); }
}
