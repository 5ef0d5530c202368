package dev.glancemigrator.planner.plan;

import jakarta.persistence.EntityManager;

/**
 * Bounds what a plan run holds in memory: after every {@code size} images its ledger rows are flushed
 * to the database (still inside the run's one transaction) and the persistence context forgets them.
 */
final class WriteWindow {

    private final EntityManager entities;
    private final int size;
    private int held;

    WriteWindow(EntityManager entities, int size) {
        this.entities = entities;
        this.size = size;
    }

    /** One more image written. */
    void wrote() {
        if (++held >= size) {
            entities.flush();
            entities.clear();
            held = 0;
        }
    }
}
