package io.billstream.gateway.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells whether the gateway instance that claimed an Idempotency-Key is still alive. Each instance holds a
 * PostgreSQL session advisory lock on its own id for as long as it runs, on a connection of its own (outside the
 * pool). PostgreSQL drops the lock the moment that session ends — a {@code kill -9} closes the socket — so a retry
 * that finds a key "in progress" under a dead owner takes it over at once rather than getting 409
 * {@code idempotency_key_in_use} for minutes. Taking over is safe because the owning service keeps the key in the
 * effect's own transaction and answers the retry with the first result.
 */
public class GatewayInstanceLock implements SmartLifecycle {

    /** First half of the two-int advisory lock key: "Billstream gateway idempotency owners". */
    static final int NAMESPACE = 0x0B5D1D;
    private static final Logger log = LoggerFactory.getLogger(GatewayInstanceLock.class);

    private final DataSourceProperties dataSource;
    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();
    private volatile Integer id;
    private Connection session;
    private ScheduledExecutorService watchdog;

    public GatewayInstanceLock(DataSourceProperties dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** This instance's id, or null while it holds no lock (then its claims carry no owner and only go stale). */
    public Integer id() {
        return id;
    }

    /** Whether the instance with this id still holds its lock (and so may still be running the request). */
    public boolean alive(int owner) {
        if (id != null && owner == id) {
            return true;
        }
        return jdbc.sql("""
                        select exists (select 1 from pg_locks where locktype = 'advisory' and granted
                          and classid = (?::bigint)::oid and objid = (?::bigint)::oid and objsubid = 2)""")
                .params(NAMESPACE, owner).query(Boolean.class).single();
    }

    @Override
    public synchronized void start() {
        acquire();
        watchdog = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("gateway-instance-lock").daemon().factory());
        // a session that died has already dropped its lock (its keys count as dead); the check only re-takes one,
        // so it need not cost an idle gateway a round trip every few seconds
        watchdog.scheduleWithFixedDelay(this::keep, 30, 30, TimeUnit.SECONDS);
    }

    private synchronized void keep() {
        try {
            if (session != null && session.isValid(2)) {
                return;
            }
        } catch (SQLException e) {
            // fall through: reconnect
        }
        log.warn("lost the gateway instance lock session; taking a new one");
        close();
        acquire();
    }

    private synchronized void acquire() {
        try {
            Connection connection = DriverManager.getConnection(dataSource.determineUrl(),
                    dataSource.determineUsername(), dataSource.determinePassword());
            connection.setAutoCommit(true);
            for (int attempt = 0; attempt < 10; attempt++) {
                int candidate = random.nextInt(1, Integer.MAX_VALUE);
                try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
                    lock.setInt(1, NAMESPACE);
                    lock.setInt(2, candidate);
                    try (ResultSet rs = lock.executeQuery()) {
                        if (rs.next() && rs.getBoolean(1)) {
                            session = connection;
                            id = candidate;
                            log.info("gateway instance lock {} held", candidate);
                            return;
                        }
                    }
                }
            }
            connection.close();
        } catch (SQLException e) {
            log.warn("cannot take the gateway instance lock ({}); in-progress keys of a dead gateway wait to go stale",
                    e.toString());
        }
    }

    private synchronized void close() {
        id = null;
        if (session != null) {
            try {
                session.close();
            } catch (SQLException e) {
                // already gone
            }
            session = null;
        }
    }

    @Override
    public synchronized void stop() {
        if (watchdog != null) {
            watchdog.shutdownNow();
            watchdog = null;
        }
        close();
    }

    @Override
    public synchronized boolean isRunning() {
        return watchdog != null;
    }
}
