package dev.glancemigrator.cutover.journal;

/**
 * What a run switches: {@code FULL}, a migration's cutover (rows, Glance's config, restart); {@code DELTA},
 * on a migration already cut over, only the rows of images that stayed on the source (uploads during the
 * switch, re-planned, copied and verified since): Glance is already switched, so no config and no restart.
 */
public enum RunKind {
    FULL, DELTA;

    public String column() {
        return name().toLowerCase();
    }

    static RunKind of(String column) {
        return valueOf(column.toUpperCase());
    }
}
