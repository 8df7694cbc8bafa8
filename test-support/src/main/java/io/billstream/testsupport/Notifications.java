package io.billstream.testsupport;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** PostgreSQL notifications as a test sees them: a connection that listens, and what reached it in a while. */
public final class Notifications {

    private final PGConnection connection;

    private Notifications(PGConnection connection) {
        this.connection = connection;
    }

    /** {@code connection} listens on {@code channel} from now on; whatever it had received before is dropped. */
    public static Notifications listen(Connection connection, String channel) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + channel);
        }
        Notifications notifications = new Notifications(connection.unwrap(PGConnection.class));
        notifications.drain(200);
        return notifications;
    }

    /** Everything that arrives within {@code millis}. */
    public List<PGNotification> drain(int millis) throws SQLException {
        List<PGNotification> all = new ArrayList<>();
        long deadline = System.currentTimeMillis() + millis;
        long left;
        while ((left = deadline - System.currentTimeMillis()) > 0) {
            PGNotification[] batch = connection.getNotifications((int) left);
            if (batch != null) {
                all.addAll(List.of(batch));
            }
        }
        return all;
    }
}
