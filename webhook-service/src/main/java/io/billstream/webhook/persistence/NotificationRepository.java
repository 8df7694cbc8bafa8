package io.billstream.webhook.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.ids.Ids;
import io.billstream.webhook.domain.Notification;
import io.billstream.webhook.domain.NotificationStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

import static io.billstream.webhook.persistence.EndpointRepository.instant;

@Repository
public class NotificationRepository implements NotificationStore {

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final RowMapper<Row> rowMapper;

    public NotificationRepository(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.rowMapper = (rs, i) -> new Row(rs.getLong("seq"), new Notification(rs.getString("id"),
                rs.getString("type"), rs.getString("message"), rs.getBoolean("read"), instant(rs, "created_at"),
                parse(rs.getString("data"))));
    }

    public String insert(String tenantId, String type, String message, JsonNode data) {
        String id = Ids.newId("ntf");
        jdbc.update("""
                insert into notification (id, tenant_id, type, message, created_at, data)
                values (?, ?, ?, ?, now(), ?::jsonb)""", id, tenantId, type, message, data.toString());
        return id;
    }

    public List<Row> list(String tenantId, boolean unreadOnly, long beforeSeq, int limit) {
        return jdbc.query("""
                select seq, id, type, message, read, created_at, data from notification
                where tenant_id = ? and seq < ? and (not ? or not read) order by seq desc limit ?""",
                rowMapper, tenantId, beforeSeq, unreadOnly, limit);
    }

    public Optional<Notification> markRead(String tenantId, String id) {
        return jdbc.query("""
                update notification set read = true where tenant_id = ? and id = ?
                returning seq, id, type, message, read, created_at, data""", rowMapper, tenantId, id)
                .stream().findFirst().map(Row::notification);
    }

    private JsonNode parse(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("notification data is not JSON", e);
        }
    }
}
