package dev.baas.spi;

import java.time.Instant;

/** What a meeting session reports to the engine. Every event carries the instant it was observed. */
public sealed interface MeetingEvent {
    Instant at();

    /** The bot is navigating to the meeting and asking to be let in. */
    record Joining(Instant at) implements MeetingEvent {}

    /** The bot waits in a lobby or waiting room for a host to admit it. */
    record InWaitingRoom(Instant at) implements MeetingEvent {}

    /** The bot is in the call (admitted, or the meeting had no waiting room). */
    record Admitted(Instant at) implements MeetingEvent {}

    /** A host refused to let the bot in. */
    record Denied(Instant at, String reason) implements MeetingEvent {}

    /** A host removed the bot from the call. */
    record Removed(Instant at) implements MeetingEvent {}

    /** The meeting ended for everyone. */
    record MeetingEnded(Instant at) implements MeetingEvent {}

    /** The platform cannot be joined (sign-in wall, meeting not found, blocked): the reason in words. */
    record CannotJoin(Instant at, FailureCode code, String reason) implements MeetingEvent {}

    /** The platform asked the bot to pause or resume recording (for example a consent control). */
    record RecordingPaused(Instant at) implements MeetingEvent {}

    record RecordingResumed(Instant at) implements MeetingEvent {}

    record ParticipantJoined(Instant at, Participant participant) implements MeetingEvent {}

    record ParticipantLeft(Instant at, Participant participant) implements MeetingEvent {}

    /** A participant started ({@code speaking=true}) or stopped speaking. */
    record ActiveSpeaker(Instant at, Participant participant, boolean speaking) implements MeetingEvent {}

    /** A chat message seen in the meeting; {@code fromBot} when the bot wrote it. */
    record ChatMessage(Instant at, String sender, String text, boolean fromBot) implements MeetingEvent {}

    /** The session broke (browser crash, capture lost, page error). The engine ends the bot with this cause. */
    record SessionFailed(Instant at, FailureCode code, String message) implements MeetingEvent {}
}
