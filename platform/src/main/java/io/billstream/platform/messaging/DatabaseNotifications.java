package io.billstream.platform.messaging;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcOperations;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * PostgreSQL {@code LISTEN/NOTIFY} as a wake-up for this instance's workers, so that work another instance commits
 * (an outbox row, a webhook message) starts here at once instead of at the next poll, and an idle stack does not
 * poll at all. One dedicated connection, outside the pool, blocks in the driver waiting for notifications: no query,
 * no transaction while nothing happens.
 * <p>
 * A notification is a hint, never the only path: it is lost when this connection drops, so every listener is also
 * called when the connection is (re)established, and the workers keep a slow poll as a safety net. A writer names
 * itself in the payload ({@link #self()}); its own instance has already woken in process and ignores it.
 */
public class DatabaseNotifications implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseNotifications.class);
    private static final Pattern CHANNEL = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    /** Opens the dedicated connection (a new one each time: the previous may be dead). */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;
    }

    private final ConnectionSource connections;
    private final String self = UUID.randomUUID().toString();
    private final Map<String, List<Runnable>> listeners = new ConcurrentHashMap<>();
    private final Set<String> listening = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private volatile boolean connected;
    private volatile Connection connection;
    private Thread thread;

    public DatabaseNotifications(ConnectionSource connections) {
        this.connections = connections;
    }

    /** The payload this instance's writers send, so that this instance can tell its own notifications apart. */
    public String self() {
        return self;
    }

    /**
     * Calls {@code wakeUp} on every notification on {@code channel} from another instance, and whenever the
     * connection is (re)established (notifications sent while it was down are lost).
     */
    public void listen(String channel, Runnable wakeUp) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a plain channel name: " + channel);
        }
        listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).add(wakeUp);
        synchronized (this) {
            if (running && thread == null) {
                thread = Thread.ofPlatform().name("db-notifications").daemon().start(this::loop);
                return;
            }
        }
        Connection current = connection;
        if (current != null && !listening.contains(channel)) {
            // a listener registered after start: the next reconnect would LISTEN; force one now
            closeQuietly(current);
        }
    }

    /**
     * Sends {@code payload} on {@code channel} through {@code jdbc}'s connection: inside a transaction PostgreSQL
     * delivers it when that transaction commits (and never if it rolls back), otherwise at once.
     */
    public static void announce(JdbcOperations jdbc, String channel, String payload) {
        if (!CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("not a plain channel name: " + channel);
        }
        jdbc.queryForObject("select pg_notify(?, ?)::text", String.class, channel, payload);
    }

    /** Whether the listening connection is up (for tests and health: a false here means polling only). */
    public boolean isConnected() {
        return connected;
    }

    private void loop() {
        long backoff = 500;
        while (running) {
            Connection current = null;
            try {
                current = connections.open();
                connection = current;
                PGConnection pg = current.unwrap(PGConnection.class);
                try (Statement statement = current.createStatement()) {
                    for (String channel : listeners.keySet()) {
                        statement.execute("LISTEN " + channel);
                        listening.add(channel);
                    }
                }
                connected = true;
                backoff = 500;
                // anything sent while no connection listened is lost: every worker looks once
                listeners.values().forEach(list -> list.forEach(DatabaseNotifications::run));
                while (running) {
                    // waits in the socket read, no query; the short timeout lets stop() (which closes the connection
                    // from another thread, and the driver serialises both) finish quickly
                    PGNotification[] received = pg.getNotifications(1_000);
                    if (received == null) {
                        continue;
                    }
                    Set<String> channels = new java.util.HashSet<>();
                    for (PGNotification notification : received) {
                        if (!self.equals(notification.getParameter())) {
                            channels.add(notification.getName());
                        }
                    }
                    for (String channel : channels) {
                        listeners.getOrDefault(channel, List.of()).forEach(DatabaseNotifications::run);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("listening for database notifications failed (workers fall back to polling), "
                            + "reconnecting in {} ms: {}", backoff, e.toString());
                }
            } finally {
                connected = false;
                listening.clear();
                connection = null;
                if (current != null) {
                    closeQuietly(current);
                }
            }
            if (running) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoff));
                backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
            }
        }
    }

    private static void run(Runnable wakeUp) {
        try {
            wakeUp.run();
        } catch (RuntimeException e) {
            log.warn("a notification listener failed: {}", e.toString());
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException | RuntimeException ignored) {
            // already gone
        }
    }

    /** Waits until the connection listens (tests; start-up never waits for it). */
    public boolean awaitConnected(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!connected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        return connected;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        // no connection for an instance that listens to nothing (the first listen() starts it then)
        if (!listeners.isEmpty()) {
            thread = Thread.ofPlatform().name("db-notifications").daemon().start(this::loop);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        Connection current = connection;
        if (current != null) {
            closeQuietly(current);
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // before the workers that listen start, after they stop
        return Integer.MIN_VALUE + 1000;
    }
}
