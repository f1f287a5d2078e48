package dev.baas.spi.calendar;

import java.util.Optional;

/** Someone invited to an event. */
public record Attendee(String email, Optional<String> name) {
    public Attendee {
        name = name == null ? Optional.empty() : name;
    }
}
