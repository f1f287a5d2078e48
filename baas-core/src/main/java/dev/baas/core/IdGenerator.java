package dev.baas.core;

import java.util.UUID;

/** Makes bot ids. Injected, so tests get predictable ids. */
@FunctionalInterface
public interface IdGenerator {
    UUID next();

    IdGenerator RANDOM = UUID::randomUUID;
}
