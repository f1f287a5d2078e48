package dev.baas.spi;

/** What a bot records: v1's {@code recording_mode}. */
public enum RecordingMode implements WireName {
    SPEAKER_VIEW("speaker_view"),
    GALLERY_VIEW("gallery_view"),
    AUDIO_ONLY("audio_only");

    private final String wireName;

    RecordingMode(String wireName) { this.wireName = wireName; }

    @Override public String wireName() { return wireName; }

    @Override public String toString() { return wireName; }
}
