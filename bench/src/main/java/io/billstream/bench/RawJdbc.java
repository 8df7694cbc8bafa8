package io.billstream.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw limit of the write path: a plain JDBC loop, one INSERT + COMMIT per operation of a row carrying the same
 * JSON payload as an invoice create request, into a scratch database on the same PostgreSQL server as the stack.
 */
final class RawJdbc implements AutoCloseable {

    static final String DATABASE = "bst_bench_raw";

    private final String host;
    private final String user;
    private final List<Connection> open = new ArrayList<>();

    RawJdbc(String host, String user) throws SQLException {
        this.host = host;
        this.user = user;
        try (Connection admin = connect("postgres"); Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + DATABASE);
            s.execute("create database " + DATABASE);
        }
        try (Connection c = connect(DATABASE); Statement s = c.createStatement()) {
            s.execute("create table raw_write (id bigserial primary key, tenant_id text not null, "
                    + "payload jsonb not null, created_at timestamptz not null default now())");
        }
    }

    /** Retried a few times: on a busy shared server the connection slots can be briefly exhausted. */
    Connection connect(String database) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return DriverManager.getConnection("jdbc:postgresql://" + host + "/" + database, user, "");
            } catch (SQLException e) {
                if (attempt == 5) {
                    throw e;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** How many more connections the server accepts now, keeping a margin for the stack's pools to grow. */
    int spareConnections() throws SQLException {
        try (Connection c = connect("postgres"); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("select current_setting('max_connections')::int - count(*) from pg_stat_activity")) {
            r.next();
            return r.getInt(1) - 20;
        }
    }

    /** An operation for one client: its own connection, autocommit off, one insert and one commit per call. */
    ClosedLoop.Op client(String payload) {
        try {
            Connection c = connect(DATABASE);
            synchronized (open) {
                open.add(c);
            }
            c.setAutoCommit(false);
            PreparedStatement insert = c.prepareStatement(
                    "insert into raw_write (tenant_id, payload) values (?, ?::jsonb)");
            return () -> {
                insert.setString(1, "ten_bench");
                insert.setString(2, payload);
                insert.executeUpdate();
                c.commit();
                return true;
            };
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    void closeClients() {
        synchronized (open) {
            for (Connection c : open) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing a scratch connection; nothing to recover
                }
            }
            open.clear();
        }
    }

    @Override
    public void close() throws SQLException {
        closeClients();
        try (Connection admin = connect("postgres"); Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + DATABASE);
        }
    }
}
