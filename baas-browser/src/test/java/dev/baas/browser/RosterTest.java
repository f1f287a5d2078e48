package dev.baas.browser;

import dev.baas.spi.MeetingEvent;
import dev.baas.spi.Participant;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Views of a meeting's people become the events that changed, in an order the engine can act on. */
class RosterTest {
    static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");
    static final Participant ADA = Participant.of("1", "Ada"), BOB = Participant.of("2", "Bob"), CY = Participant.of("3", "Cy");

    @Test
    void saysWhoCameWhoLeftAndWhoSpeaks() {
        Roster r = new Roster();
        assertEquals(List.of(new MeetingEvent.ParticipantJoined(AT, ADA), new MeetingEvent.ParticipantJoined(AT, BOB),
                new MeetingEvent.ActiveSpeaker(AT, ADA, true)), r.update(List.of(ADA, BOB), Set.of("1"), AT));
        assertEquals(List.of(), r.update(List.of(BOB, ADA), Set.of("1"), AT), "the same view again changes nothing");
        // Ada, speaking, is replaced by Cy: Cy arrives before Ada goes, so the meeting is never empty; Ada falls silent first
        assertEquals(List.of(new MeetingEvent.ParticipantJoined(AT, CY), new MeetingEvent.ActiveSpeaker(AT, ADA, false),
                new MeetingEvent.ParticipantLeft(AT, ADA), new MeetingEvent.ActiveSpeaker(AT, BOB, true)),
                r.update(List.of(BOB, CY), Set.of("2"), AT));
        assertEquals(List.of(new MeetingEvent.ActiveSpeaker(AT, BOB, false)), r.speakers(Set.of(), AT));
    }

    @Test
    void aSpeakerNotInTheCallIsNamedByItsId() {
        Roster r = new Roster();
        assertEquals(List.of(new MeetingEvent.ActiveSpeaker(AT, Participant.of("Dee", "Dee"), true)),
                r.speakers(Set.of("Dee"), AT));
    }
}
