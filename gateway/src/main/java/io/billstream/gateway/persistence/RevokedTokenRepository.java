package io.billstream.gateway.persistence;

import io.billstream.gateway.domain.RevokedTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;

/** Logged-out access tokens. Checked on every request, so a logout holds on every gateway instance at once. */
@Repository
public class RevokedTokenRepository implements RevokedTokens {

    private final JdbcClient jdbc;

    public RevokedTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void revoke(String jti, Instant expiresAt) {
        jdbc.sql("insert into revoked_access_token (jti, expires_at) values (?, ?) on conflict (jti) do nothing")
                .params(jti, Timestamp.from(expiresAt)).update();
    }

    public int purgeExpired(Instant now) {
        return jdbc.sql("delete from revoked_access_token where expires_at < ?").param(Timestamp.from(now)).update();
    }
}
