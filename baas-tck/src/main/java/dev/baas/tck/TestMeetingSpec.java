package dev.baas.tck;

import java.util.List;

/**
 * A meeting to create for one rule: who is already in it, whether guests wait to be admitted by hand, whether the
 * host has started it yet, and whether it refuses anonymous guests (a sign-in wall).
 */
public record TestMeetingSpec(List<String> participants, boolean waitingRoom, boolean hostPresent,
                              boolean signInRequired) {
    public TestMeetingSpec {
        participants = List.copyOf(participants);
    }

    public TestMeetingSpec(List<String> participants, boolean waitingRoom) {
        this(participants, waitingRoom, true, false);
    }

    public static TestMeetingSpec open(String... participants) { return new TestMeetingSpec(List.of(participants), false); }

    public static TestMeetingSpec withWaitingRoom(String... participants) {
        return new TestMeetingSpec(List.of(participants), true);
    }

    public TestMeetingSpec hostAbsent() { return new TestMeetingSpec(participants, waitingRoom, false, signInRequired); }

    public TestMeetingSpec withSignInWall() { return new TestMeetingSpec(participants, waitingRoom, hostPresent, true); }
}
