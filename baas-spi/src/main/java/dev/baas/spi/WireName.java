package dev.baas.spi;

/** An enum whose constants travel on the wire under a name given by the Meeting BaaS v1 API. */
public interface WireName {
    String wireName();

    /** Finds the constant of {@code type} whose wire name is {@code name}. */
    static <E extends Enum<E> & WireName> java.util.Optional<E> parse(Class<E> type, String name) {
        if (name == null) return java.util.Optional.empty();
        for (E e : type.getEnumConstants()) {
            if (e.wireName().equals(name)) return java.util.Optional.of(e);
        }
        return java.util.Optional.empty();
    }
}
