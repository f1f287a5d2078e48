package dev.baas.core;

import java.time.Duration;

/**
 * What {@link Baas#recover} did with the bots left behind: run again (not yet in their meeting), completed with the
 * recording kept, or failed; and how long it took.
 */
public record RecoveryReport(int restarted, int completed, int failed, Duration took) {
    public int total() { return restarted + completed + failed; }
}
