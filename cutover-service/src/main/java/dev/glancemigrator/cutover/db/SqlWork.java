package dev.glancemigrator.cutover.db;

import java.sql.SQLException;

/** A piece of JDBC work that returns a value. */
@FunctionalInterface
public interface SqlWork<T> {
    T run() throws SQLException;
}
