package dev.glancemigrator.cutover.rows;

import java.util.List;

/**
 * What Glance's rows hold now, compared with a run's journal: each journaled row holds its new value,
 * its old value, or neither (deleted, or changed by someone else since).
 */
public record JournaledRows(int holdingNew, int holdingOld, List<Long> holdingNeither) {

    /** Glance's transaction committed: the rows hold what the run wrote (rows gone since do not count). */
    public boolean switched() {
        return holdingNew > 0 && holdingOld == 0;
    }

    /**
     * Glance's transaction never committed: no row holds what the run wrote (rows deleted since, even all of
     * them, leave nothing of the run's in Glance).
     */
    public boolean untouched() {
        return holdingNew == 0;
    }

    public String describe() {
        return holdingNew + " rows hold the new value, " + holdingOld + " the old one, " + holdingNeither.size()
                + " neither" + (holdingNeither.isEmpty() ? "" : " (locations " + holdingNeither + ")");
    }
}
