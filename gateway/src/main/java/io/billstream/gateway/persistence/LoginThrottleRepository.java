package io.billstream.gateway.persistence;

import io.billstream.gateway.domain.LoginAttempts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Failed-login counters in PostgreSQL, so every gateway instance throttles the same account and address. */
@Repository
public class LoginThrottleRepository implements LoginAttempts {

    private final JdbcClient jdbc;

    public LoginThrottleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The latest instant any of these subjects is blocked until, if one is blocked now. */
    @Override
    public Optional<Instant> blockedUntil(List<String> subjects, Instant now) {
        return jdbc.sql("select max(blocked_until) from login_throttle where subject in (:subjects) and blocked_until > :now")
                .param("subjects", subjects).param("now", Timestamp.from(now))
                .query((rs, i) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
                .optional();
    }

    /** Counts one failure inside the current window (a new window starts when the old one has passed). */
    @Override
    public int recordFailure(String subject, Instant now, Duration window) {
        return jdbc.sql("""
                        insert into login_throttle (subject, failures, window_started_at) values (:subject, 1, :now)
                        on conflict (subject) do update set
                          failures = case when login_throttle.window_started_at < :windowStart then 1
                                          else login_throttle.failures + 1 end,
                          window_started_at = case when login_throttle.window_started_at < :windowStart then :now
                                                   else login_throttle.window_started_at end
                        returning failures""")
                .param("subject", subject).param("now", Timestamp.from(now))
                .param("windowStart", Timestamp.from(now.minus(window)))
                .query(Integer.class).single();
    }

    @Override
    public void block(String subject, Instant until) {
        jdbc.sql("update login_throttle set blocked_until = ? where subject = ?")
                .params(Timestamp.from(until), subject).update();
    }

    @Override
    public void clear(String subject) {
        jdbc.sql("delete from login_throttle where subject = ?").param(subject).update();
    }

    public int purgeIdle(Instant windowStartedBefore, Instant now) {
        return jdbc.sql("""
                        delete from login_throttle
                        where window_started_at < ? and (blocked_until is null or blocked_until < ?)""")
                .params(Timestamp.from(windowStartedBefore), Timestamp.from(now)).update();
    }
}
