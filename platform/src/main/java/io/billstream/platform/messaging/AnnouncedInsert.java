package io.billstream.platform.messaging;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Arrays;

/**
 * An insert that announces its row on a PostgreSQL notification channel without a round trip of its own: the
 * notification rides on the statement ({@code insert … select … from pg_notify(…)}) and is delivered at commit, only
 * if the row is; PostgreSQL folds a transaction's identical notifications into one. Its payload names the writing
 * instance ({@link DatabaseNotifications#self()}), which woke in process already and skips it. Without a name
 * (notifications off) it is a plain insert and the other instances find the row by their safety poll.
 */
public final class AnnouncedInsert {

    private final String sql;
    private final String notifyAs;

    /**
     * @param into       the table and its columns, {@code "t (a, b, created_at)"}
     * @param values     the row's value expressions, {@code "?, ?, now()"}
     * @param onConflict an {@code on conflict …} clause, or empty
     * @param channel    the notification channel (a constant, written into the statement)
     * @param notifyAs   this instance's name, or null for no announcement
     */
    public AnnouncedInsert(String into, String values, String onConflict, String channel, String notifyAs) {
        this.notifyAs = notifyAs;
        this.sql = notifyAs == null
                ? "insert into " + into + " values (" + values + ") " + onConflict
                : "insert into " + into + " select " + values + " from pg_notify('" + channel + "', ?) " + onConflict;
    }

    /** Runs the insert with the values' parameters; the number of rows inserted. */
    public int run(JdbcTemplate jdbc, Object... args) {
        if (notifyAs == null) {
            return jdbc.update(sql, args);
        }
        Object[] withName = Arrays.copyOf(args, args.length + 1);
        withName[args.length] = notifyAs;
        return jdbc.update(sql, withName);
    }
}
