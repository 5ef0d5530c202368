package dev.glancemigrator.cutover.journal;

/** Where one cutover attempt stands; see V1__cutover_journal.sql. */
public enum RunState {
    FAILED, JOURNALED, DB_SWITCHED, CONFIG_SWITCHED, COMPLETED, ROLLED_BACK, ABANDONED;

    public String column() {
        return name().toLowerCase();
    }

    static RunState of(String column) {
        return valueOf(column.toUpperCase());
    }
}
