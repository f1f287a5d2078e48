package dev.baas.spi;

import java.util.List;
import java.util.Objects;

/** The one exception type of the product: an {@link ErrorCode}, a message, and the fields at fault. */
public class BaasException extends RuntimeException {
    private final ErrorCode code;
    private final List<Violation> violations;

    public BaasException(ErrorCode code, String message) {
        this(code, message, List.of(), null);
    }

    public BaasException(ErrorCode code, String message, Throwable cause) {
        this(code, message, List.of(), cause);
    }

    public BaasException(ErrorCode code, String message, List<Violation> violations, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
        this.violations = List.copyOf(violations);
    }

    public static BaasException invalid(List<Violation> violations) {
        String message = violations.size() == 1
                ? "invalid field " + violations.getFirst()
                : "invalid fields: " + String.join("; ", violations.stream().map(Violation::toString).toList());
        return new BaasException(ErrorCode.INVALID_REQUEST, message, violations, null);
    }

    public static BaasException invalid(String field, String reason) {
        return invalid(List.of(new Violation(field, reason)));
    }

    public ErrorCode code() { return code; }

    public List<Violation> violations() { return violations; }
}
