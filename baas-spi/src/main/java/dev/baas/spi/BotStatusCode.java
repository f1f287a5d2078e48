package dev.baas.spi;

/** The codes of {@code bot.status_change} webhooks, under their v1 wire names. */
public enum BotStatusCode implements WireName {
    JOINING_CALL("joining_call"),
    IN_WAITING_ROOM("in_waiting_room"),
    IN_CALL_NOT_RECORDING("in_call_not_recording"),
    IN_CALL_RECORDING("in_call_recording"),
    RECORDING_PAUSED("recording_paused"),
    RECORDING_RESUMED("recording_resumed"),
    CALL_ENDED("call_ended"),
    BOT_REJECTED("bot_rejected"),
    BOT_REMOVED("bot_removed"),
    WAITING_ROOM_TIMEOUT("waiting_room_timeout"),
    INVALID_MEETING_URL("invalid_meeting_url"),
    MEETING_ERROR("meeting_error"),
    API_REQUEST_STOP("api_request_stop");

    private final String wireName;

    BotStatusCode(String wireName) { this.wireName = wireName; }

    @Override public String wireName() { return wireName; }

    @Override public String toString() { return wireName; }
}
