package io.billstream.gateway.persistence;

import io.billstream.gateway.domain.AccountStore;
import io.billstream.gateway.domain.Role;
import io.billstream.gateway.domain.User;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;
import io.billstream.platform.paging.KeysetCursor;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Tenants and their users. Usernames and emails are compared lower-cased (unique indexes on lower(...)). */
@Repository
public class AccountRepository implements AccountStore {

    private static final RowMapper<User> USER = (rs, i) -> new User(rs.getString("id"),
            rs.getString("tenant_id"), rs.getString("username"), rs.getString("email"),
            rs.getString("password_hash"), Role.fromWire(rs.getString("role")),
            rs.getTimestamp("created_at").toInstant());

    private final JdbcClient jdbc;

    public AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void insertTenant(String id, String organizationName, Instant now) {
        jdbc.sql("insert into tenant (id, organization_name, created_at) values (?, ?, ?)")
                .params(id, organizationName, Timestamp.from(now)).update();
    }

    public Optional<String> organizationName(String tenantId) {
        return jdbc.sql("select organization_name from tenant where id = ?").param(tenantId)
                .query(String.class).optional();
    }

    /** The unique indexes decide when two requests race for the same name. */
    @Override
    public void insertUser(User user) {
        try {
            jdbc.sql("""
                            insert into app_user (id, tenant_id, username, email, password_hash, role, created_at)
                            values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(user.id(), user.tenantId(), user.username(), user.email(), user.passwordHash(),
                            user.role().wire(), Timestamp.from(user.createdAt()))
                    .update();
        } catch (DuplicateKeyException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("app_user_email_key")) {
                throw DomainException.of(ErrorCode.DUPLICATE_EMAIL, "That email is already registered.");
            }
            throw DomainException.of(ErrorCode.DUPLICATE_USERNAME, "That username is taken.");
        }
    }

    @Override
    public boolean usernameTaken(String username) {
        return jdbc.sql("select exists (select 1 from app_user where lower(username) = lower(?))").param(username)
                .query(Boolean.class).single();
    }

    @Override
    public boolean emailTaken(String email) {
        return jdbc.sql("select exists (select 1 from app_user where lower(email) = lower(?))").param(email)
                .query(Boolean.class).single();
    }

    @Override
    public Optional<User> findByLogin(String login) {
        return jdbc.sql("select * from app_user where lower(username) = lower(?) or lower(email) = lower(?) limit 1")
                .params(login, login).query(USER).optional();
    }

    @Override
    public Optional<User> findUser(String tenantId, String userId) {
        return jdbc.sql("select * from app_user where id = ? and tenant_id = ?").params(userId, tenantId)
                .query(USER).optional();
    }

    @Override
    public List<User> listUsers(String tenantId, KeysetCursor after, int limit) {
        if (after == null) {
            return jdbc.sql("select * from app_user where tenant_id = ? order by created_at desc, id desc limit ?")
                    .params(tenantId, limit).query(USER).list();
        }
        return jdbc.sql("""
                        select * from app_user where tenant_id = ? and (created_at, id) < (?, ?)
                        order by created_at desc, id desc limit ?""")
                .params(tenantId, Timestamp.from(after.createdAt()), after.id(), limit).query(USER).list();
    }

    /** One round trip per request. */
    @Override
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

    public long countUsers() {
        return jdbc.sql("select count(*) from app_user").query(Long.class).single();
    }

    public long countTenants() {
        return jdbc.sql("select count(*) from tenant").query(Long.class).single();
    }
}
