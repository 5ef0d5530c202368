package dev.glancemigrator.cutover.run;

/** The ledger has no migration of that id. */
public class UnknownMigrationException extends RuntimeException {
    public UnknownMigrationException(String id) {
        super("no migration " + id + " in the planner's ledger");
    }
}
