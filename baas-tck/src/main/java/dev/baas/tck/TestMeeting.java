package dev.baas.tck;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One meeting created by a {@link PlatformFixture}, seen from the host's and the participants' side. Actions
 * return when the platform accepted them; queries answer with what the meeting shows now.
 */
public interface TestMeeting extends AutoCloseable {
    String url();

    /** The host admits the guest called {@code botName} from the waiting room. */
    void admitBot(String botName);

    void denyBot(String botName);

    /** The host removes the bot from the call. */
    void removeBot(String botName);

    /** The meeting ends for everyone. */
    void end();

    /** The host starts a meeting created with {@link TestMeetingSpec#hostAbsent()}. */
    default void startHost() {
        throw new UnsupportedOperationException("this fixture's meetings always have their host");
    }

    void participantJoins(String name);

    void participantLeaves(String name);

    /** The participant says {@code text}; returns when its audio started in the meeting. */
    Spoken participantSays(String participant, String text);

    void participantWritesChat(String participant, String text);

    /** Whether someone called {@code name} is in the call now. */
    boolean inCall(String name);

    /** Chat lines the meeting shows as written by {@code sender}. */
    List<String> chatFrom(String sender);

    /** How loud the meeting sounded to {@code participant} since {@code since}. */
    Heard heardBy(String participant, Instant since);

    /** Releases the meeting (ends it if still running). */
    @Override void close();

    /** When a participant's speech started and how long it lasts. */
    record Spoken(Instant onset, Duration duration) {
        public Instant end() { return onset.plus(duration); }
    }

    /** Loudest 20 ms frame (RMS, 0..1) and total time above the voice threshold. */
    record Heard(double peakRms, Duration voiced) {}
}
