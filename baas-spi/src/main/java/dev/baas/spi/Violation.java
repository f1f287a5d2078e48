package dev.baas.spi;

import java.util.Objects;

/** One broken rule of a request: the field (dotted path, as on the wire) and why. */
public record Violation(String field, String reason) {
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }

    @Override public String toString() { return field + ": " + reason; }
}
