package dev.baas.spi;

/** The {@code error} codes of the {@code failed} webhook, under their v1 wire names. */
public enum FailureCode implements WireName {
    CANNOT_JOIN_MEETING("CannotJoinMeeting"),
    TIMEOUT_WAITING_TO_START("TimeoutWaitingToStart"),
    BOT_NOT_ACCEPTED("BotNotAccepted"),
    BOT_REMOVED("BotRemoved"),
    INTERNAL_ERROR("InternalError"),
    INVALID_MEETING_URL("InvalidMeetingUrl");

    private final String wireName;

    FailureCode(String wireName) { this.wireName = wireName; }

    @Override public String wireName() { return wireName; }

    @Override public String toString() { return wireName; }
}
