package io.billstream.gateway.persistence;

import io.billstream.gateway.domain.Role;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Tenants and their users. Usernames and emails are compared lower-cased (unique indexes on lower(...)). */
@Repository
public class AccountRepository {

    private static final RowMapper<UserRow> USER = (rs, i) -> new UserRow(rs.getString("id"),
            rs.getString("tenant_id"), rs.getString("username"), rs.getString("email"),
            rs.getString("password_hash"), Role.fromWire(rs.getString("role")),
            rs.getTimestamp("created_at").toInstant());

    private final JdbcClient jdbc;

    public AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertTenant(String id, String organizationName, Instant now) {
        jdbc.sql("insert into tenant (id, organization_name, created_at) values (?, ?, ?)")
                .params(id, organizationName, Timestamp.from(now)).update();
    }

    public Optional<String> organizationName(String tenantId) {
        return jdbc.sql("select organization_name from tenant where id = ?").param(tenantId)
                .query(String.class).optional();
    }

    public void insertUser(UserRow user) {
        jdbc.sql("""
                        insert into app_user (id, tenant_id, username, email, password_hash, role, created_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(user.id(), user.tenantId(), user.username(), user.email(), user.passwordHash(),
                        user.role().wire(), Timestamp.from(user.createdAt()))
                .update();
    }

    public boolean usernameTaken(String username) {
        return jdbc.sql("select exists (select 1 from app_user where lower(username) = lower(?))").param(username)
                .query(Boolean.class).single();
    }

    public boolean emailTaken(String email) {
        return jdbc.sql("select exists (select 1 from app_user where lower(email) = lower(?))").param(email)
                .query(Boolean.class).single();
    }

    /** By username or email, case-insensitively. */
    public Optional<UserRow> findByLogin(String login) {
        return jdbc.sql("select * from app_user where lower(username) = lower(?) or lower(email) = lower(?) limit 1")
                .params(login, login).query(USER).optional();
    }

    public Optional<UserRow> findUser(String tenantId, String userId) {
        return jdbc.sql("select * from app_user where id = ? and tenant_id = ?").params(userId, tenantId)
                .query(USER).optional();
    }

    public List<UserRow> listUsers(String tenantId, PageCursor after, int limit) {
        if (after == null) {
            return jdbc.sql("select * from app_user where tenant_id = ? order by created_at desc, id desc limit ?")
                    .params(tenantId, limit).query(USER).list();
        }
        return jdbc.sql("""
                        select * from app_user where tenant_id = ? and (created_at, id) < (?, ?)
                        order by created_at desc, id desc limit ?""")
                .params(tenantId, Timestamp.from(after.createdAt()), after.id(), limit).query(USER).list();
    }

    /** The user behind an access token, unless that token was logged out; one round trip per request. */
    public Optional<SessionUser> findSessionUser(String tenantId, String userId, String jti) {
        return jdbc.sql("""
                        select u.role, t.organization_name from app_user u join tenant t on t.id = u.tenant_id
                        where u.id = ? and u.tenant_id = ?
                          and not exists (select 1 from revoked_access_token r where r.jti = ?)""")
                .params(userId, tenantId, jti)
                .query((rs, i) -> new SessionUser(Role.fromWire(rs.getString("role")),
                        rs.getString("organization_name")))
                .optional();
    }

    public record SessionUser(Role role, String organizationName) {
    }

    public long countUsers() {
        return jdbc.sql("select count(*) from app_user").query(Long.class).single();
    }

    public long countTenants() {
        return jdbc.sql("select count(*) from tenant").query(Long.class).single();
    }
}
