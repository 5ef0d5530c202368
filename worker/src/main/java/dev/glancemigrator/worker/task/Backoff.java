package dev.glancemigrator.worker.task;

import java.time.Duration;

/** Exponential backoff between retries: initial, doubled each time, capped. */
record Backoff(Duration initial, Duration max) {

    /** The pause before retry number {@code retry} (1 for the first retry). */
    Duration before(int retry) {
        Duration pause = initial;
        for (int i = 1; i < retry && pause.compareTo(max) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(max) > 0 ? max : pause;
    }
}
