package dev.glancemigrator.cutover.guard;

import static dev.glancemigrator.cutover.journal.UtcColumns.instant;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The cutover_guard table (V3) on a caller's connection. Every time is the database's UTC clock, so
 * instances on hosts with different clocks judge a lease alike.
 */
final class GuardRows {

    /** A guard row as read: the holder (null when free) and the database's time at the read. */
    record State(String token, GuardHolder holder, Instant now) {

        boolean takenByAnother(String myToken) {
            return token != null && !token.equals(myToken) && holder.leaseUntil().isAfter(now);
        }
    }

    private GuardRows() {
    }

    /** The guard's row, locked for the transaction. */
    static State lock(Connection connection, String guard) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT holder_token, holder_host, purpose, since,"
                + " lease_until, UTC_TIMESTAMP(6) FROM cutover_guard WHERE name = ? FOR UPDATE")) {
            query.setString(1, guard);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("no guard row '" + guard + "' (schema migration V3 not applied?)");
                }
                String token = row.getString(1);
                GuardHolder holder = token == null ? null
                        : new GuardHolder(row.getString(2), row.getString(3), instant(row, 4), instant(row, 5));
                return new State(token, holder, instant(row, 6));
            }
        }
    }

    static void take(Connection connection, String guard, String token, String host, String purpose, Duration lease)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE cutover_guard SET holder_token = ?,"
                + " holder_host = ?, purpose = ?, since = UTC_TIMESTAMP(6),"
                + " lease_until = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND WHERE name = ?")) {
            update.setString(1, token);
            update.setString(2, host);
            update.setString(3, purpose);
            update.setLong(4, micros(lease));
            update.setString(5, guard);
            update.executeUpdate();
        }
    }

    /** Extends the lease of the holding {@code token}; false when it no longer holds the guard. */
    static boolean renew(Connection connection, String guard, String token, Duration lease) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE cutover_guard"
                + " SET lease_until = UTC_TIMESTAMP(6) + INTERVAL ? MICROSECOND WHERE name = ? AND holder_token = ?")) {
            update.setLong(1, micros(lease));
            update.setString(2, guard);
            update.setString(3, token);
            return update.executeUpdate() == 1;
        }
    }

    static void release(Connection connection, String guard, String token) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE cutover_guard SET holder_token = NULL,"
                + " holder_host = NULL, purpose = NULL, since = NULL, lease_until = NULL WHERE name = ? AND holder_token = ?")) {
            update.setString(1, guard);
            update.setString(2, token);
            update.executeUpdate();
        }
    }

    static Optional<GuardHolder> holder(Connection connection, String guard) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT holder_token, holder_host, purpose, since,"
                + " lease_until, UTC_TIMESTAMP(6) FROM cutover_guard WHERE name = ?")) {
            query.setString(1, guard);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next() || row.getString(1) == null || !instant(row, 5).isAfter(instant(row, 6))) {
                    return Optional.empty();
                }
                return Optional.of(new GuardHolder(row.getString(2), row.getString(3), instant(row, 4), instant(row, 5)));
            }
        }
    }

    private static long micros(Duration duration) {
        return duration.toNanos() / 1_000;
    }
}
