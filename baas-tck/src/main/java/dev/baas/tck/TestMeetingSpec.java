package dev.baas.tck;

import java.util.List;

/** A meeting to create for one rule: who is already in it, and whether guests wait to be admitted by hand. */
public record TestMeetingSpec(List<String> participants, boolean waitingRoom) {
    public TestMeetingSpec {
        participants = List.copyOf(participants);
    }

    public static TestMeetingSpec open(String... participants) { return new TestMeetingSpec(List.of(participants), false); }

    public static TestMeetingSpec withWaitingRoom(String... participants) {
        return new TestMeetingSpec(List.of(participants), true);
    }
}
