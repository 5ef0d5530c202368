package dev.glancemigrator.cutover.rows;

/** Glance's rows are not what the journal recorded (an upload since, a row changed or deleted): nothing was changed. */
public class RowsChangedException extends RuntimeException {

    public RowsChangedException(String message) {
        super(message);
    }
}
