package dev.baas.spi;

/** What a meeting platform adapter can do; the engine and the TCK read these, never guess them. */
public enum Capability {
    WAITING_ROOM,
    CHAT_SEND,
    CHAT_READ,
    PARTICIPANT_LIST,
    ACTIVE_SPEAKER,
    PER_PARTICIPANT_AUDIO,
    VIDEO_SPEAKER_VIEW,
    VIDEO_GALLERY_VIEW,
    SPEECH_OUTPUT
}
