package io.billstream.testsupport;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Whether a service holds a transaction of its database open while a request of it waits: samples
 * {@code pg_stat_activity} for backends of the same database idle in a transaction that began longer ago than
 * {@code olderThan}. A request's wait that held one shows in nearly every sample; transactions that come and go
 * (listeners, relays) are far younger than {@code olderThan}.
 */
public final class HeldTransactions {

    private HeldTransactions() {
    }

    /** The number of samples, {@code every} apart, that found such a transaction. */
    public static int sample(DataSource database, int samples, Duration every, Duration olderThan)
            throws SQLException, InterruptedException {
        String query = "select count(*) from pg_stat_activity where datname = current_database()"
                + " and state = 'idle in transaction' and xact_start < now() - interval '"
                + olderThan.toMillis() + " milliseconds'";
        int held = 0;
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            for (int i = 0; i < samples; i++) {
                Thread.sleep(every.toMillis());
                try (ResultSet rows = statement.executeQuery(query)) {
                    rows.next();
                    held += rows.getInt(1) > 0 ? 1 : 0;
                }
            }
        }
        return held;
    }
}
