package dev.baas.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.baas.spi.Violation;

import java.util.List;
import java.util.Set;

/**
 * Checks the JSON types of a request body, collecting a {@link Violation} per broken field (dotted path, as on the
 * wire). Objects are closed: a field the operation does not define is refused by name.
 */
final class Schema {
    /** v1 declares its integers uint32. */
    static final long UINT32_MAX = 4_294_967_295L;

    private final List<Violation> violations;

    Schema(List<Violation> violations) { this.violations = violations; }

    private static String path(String prefix, String name) { return prefix.isEmpty() ? name : prefix + "." + name; }

    void closed(ObjectNode n, String prefix, Set<String> allowed) {
        n.fieldNames().forEachRemaining(f -> {
            if (!allowed.contains(f)) violations.add(new Violation(path(prefix, visible(f)), "is not a field of this request"));
        });
    }

    /** Whether the field is present and not null; reports it when required and absent. */
    private boolean present(ObjectNode n, String prefix, String name, boolean required) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            if (required) violations.add(new Violation(path(prefix, name), "is required"));
            return false;
        }
        return true;
    }

    void string(ObjectNode n, String prefix, String name, boolean required, int maxLength) {
        if (!present(n, prefix, name, required)) return;
        JsonNode v = n.get(name);
        if (!v.isTextual()) violations.add(new Violation(path(prefix, name), "must be a string"));
        else if (v.asText().length() > maxLength) violations.add(new Violation(path(prefix, name), "is longer than " + maxLength + " characters"));
    }

    void oneOf(ObjectNode n, String prefix, String name, Set<String> values) {
        if (!present(n, prefix, name, false)) return;
        JsonNode v = n.get(name);
        if (!v.isTextual() || !values.contains(v.asText())) {
            violations.add(new Violation(path(prefix, name), "must be one of " + String.join(", ", values.stream().sorted().toList())));
        }
    }

    void integer(ObjectNode n, String prefix, String name, long min, long max) {
        if (!present(n, prefix, name, false)) return;
        JsonNode v = n.get(name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            violations.add(new Violation(path(prefix, name), "must be an integer"));
        } else if (v.asLong() < min || v.asLong() > max) {
            violations.add(new Violation(path(prefix, name), "must be between " + min + " and " + max));
        }
    }

    void bool(ObjectNode n, String prefix, String name) {
        if (present(n, prefix, name, false) && !n.get(name).isBoolean()) {
            violations.add(new Violation(path(prefix, name), "must be true or false"));
        }
    }

    /** The field as an object to check further, or null when absent, null, or not an object (reported). */
    ObjectNode object(ObjectNode n, String prefix, String name) {
        if (!present(n, prefix, name, false)) return null;
        JsonNode v = n.get(name);
        if (!v.isObject()) {
            violations.add(new Violation(path(prefix, name), "must be an object"));
            return null;
        }
        return (ObjectNode) v;
    }

    void add(String field, String reason) { violations.add(new Violation(field, reason)); }

    /** An unknown field's name as the error shows it: quoted when it is blank, so the error still names something. */
    private static String visible(String name) { return name.isBlank() ? "\"" + name + "\"" : clip(name); }

    private static String clip(String s) { return s.length() > 100 ? s.substring(0, 100) + "..." : s; }
}
