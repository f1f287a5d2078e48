package dev.baas.spi;

import java.util.Objects;

/** Someone in the meeting, as the platform identifies them. {@code self} marks the bot itself. */
public record Participant(String id, String name, boolean self) {
    public Participant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }

    public static Participant of(String id, String name) { return new Participant(id, name, false); }
}
