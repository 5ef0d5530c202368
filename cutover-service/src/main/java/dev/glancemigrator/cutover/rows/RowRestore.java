package dev.glancemigrator.cutover.rows;

/** A rollback's row restore: rows put back now, rows found already back (an earlier, interrupted rollback), others. */
public record RowRestore(int restored, int alreadyOld, int leftAsTheyAre) {

    /** Rows that hold their old value after the restore. */
    public int holdingOld() {
        return restored + alreadyOld;
    }
}
