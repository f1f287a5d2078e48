package dev.baas.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the sandbox host sees of one meeting. */
public record MeetingState(String id, String meetingUrl, boolean ended, List<Attendee> inCall, List<Attendee> waiting,
                           List<ChatLine> chat) {
    /** Someone connected to the meeting; {@code scripted} for the sandbox's own participants. */
    public record Attendee(String id, String name, boolean scripted, boolean speaking) {}

    public record ChatLine(Instant at, String sender, String text) {}

    public MeetingState {
        inCall = List.copyOf(inCall);
        waiting = List.copyOf(waiting);
        chat = List.copyOf(chat);
    }

    public boolean isInCall(String name) { return inCall.stream().anyMatch(a -> a.name().equals(name)); }

    public boolean isWaiting(String name) { return waiting.stream().anyMatch(a -> a.name().equals(name)); }

    public Optional<Attendee> attendee(String name) {
        return java.util.stream.Stream.concat(inCall.stream(), waiting.stream()).filter(a -> a.name().equals(name)).findFirst();
    }

    /** Chat lines written by {@code sender}. */
    public List<String> chatFrom(String sender) {
        return chat.stream().filter(c -> c.sender().equals(sender)).map(ChatLine::text).toList();
    }
}
