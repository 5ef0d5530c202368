package dev.glancemigrator.worker.task;

import dev.glancemigrator.events.ImageEvent;

/** What one run of a task may ask of the worker running it. */
public interface TaskRun {

    /** Sends a progress event, without waiting for the broker. */
    void progress(ImageEvent event);

    /** Whether the run must stop now: shutdown's grace is over. */
    boolean stopNow();

    /** Gives the slot back early (a copy waiting on the monitor for its snapshot); a retry takes one again. */
    void freeSlot();
}
