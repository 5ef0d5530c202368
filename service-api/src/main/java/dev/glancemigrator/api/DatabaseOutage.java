package dev.glancemigrator.api;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Whether a failure says the database did not answer, or refused the connection, rather than
 * anything about the request: such a failure is an outage to wait out, never a verdict, a dead
 * letter or a bug report. Read from the whole chain of causes, so it holds whichever layer
 * (Hibernate, Agroal, Flyway) wrapped the driver's exception.
 */
public final class DatabaseOutage {

    /** SQLState class 08: connection exceptions (the link failed, the server went away). */
    private static final String CONNECTION_CLASS = "08";
    /** MariaDB's errors for a connection refused at login: access denied, account locked. */
    private static final Set<Integer> REFUSED_AT_LOGIN = Set.of(1045, 4151);

    private DatabaseOutage() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause.getClass().getSimpleName().equals("CommunicationsException")) {
                return true;
            }
            if (cause instanceof SQLException sql && (sql.getSQLState() != null
                    && sql.getSQLState().startsWith(CONNECTION_CLASS) || REFUSED_AT_LOGIN.contains(sql.getErrorCode()))) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
