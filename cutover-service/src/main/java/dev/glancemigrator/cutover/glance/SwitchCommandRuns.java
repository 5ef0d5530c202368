package dev.glancemigrator.cutover.glance;

import java.time.Instant;

/** Where each run of the switch command is kept (the journal); a unit test keeps them in a list. */
public interface SwitchCommandRuns {

    /**
     * One run that ended ({@code exitCode}) or was killed at the timeout ({@code exitCode} null).
     * {@code outputTail} is already redacted.
     */
    void record(String tag, String action, Integer exitCode, String outputTail, Instant started, Instant ended);
}
