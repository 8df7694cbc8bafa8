package io.billstream.document.email.persistence;

import io.billstream.document.email.domain.EmailKind;
import io.billstream.document.email.domain.EmailRow;
import io.billstream.document.email.domain.EmailStore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.observability.TraceContexts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code email} and {@code email_reminder} tables (V40). */
@Repository
public class EmailRepository implements EmailStore {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };

    private final JdbcTemplate jdbc;
    private final ObjectMapper mapper;
    private final RowMapper<EmailRow> rowMapper;
    private final TraceContexts traces;

    public EmailRepository(JdbcTemplate jdbc, ObjectMapper mapper, TraceContexts traces) {
        this.jdbc = jdbc;
        this.mapper = mapper;
        this.traces = traces;
        this.rowMapper = this::map;
    }

    /** Stores a new queued email; false when an email with the same dedup key exists for the invoice. */
    @Override
    public boolean insert(EmailRow row, String dedupKey, Instant nextAttemptAt) {
        return jdbc.update("""
                insert into email (id, tenant_id, invoice_id, kind, dedup_key, to_addresses, cc_addresses, subject,
                                   message, message_id, status, attempts, next_attempt_at, created_at, trace_parent)
                values (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, 'queued', 0, ?, ?, ?)
                on conflict (tenant_id, invoice_id, dedup_key) do nothing""",
                row.id(), row.tenantId(), row.invoiceId(), row.kind().wire(), dedupKey, json(row.to()), json(row.cc()),
                row.subject(), row.message(), row.messageId(), ts(nextAttemptAt), ts(row.createdAt()),
                traces.currentTraceParent()) == 1;
    }

    /** The trace the email was queued in (null when nothing was traced then). */
    @Override
    public String traceParent(String id) {
        return jdbc.query("select trace_parent from email where id = ?", (rs, i) -> rs.getString(1), id)
                .stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    @Override
    public List<EmailRow> ofInvoice(String tenantId, String invoiceId) {
        return jdbc.query("select * from email where tenant_id = ? and invoice_id = ? order by created_at, id",
                rowMapper, tenantId, invoiceId);
    }

    @Override
    public Optional<EmailRow> find(String id) {
        return jdbc.query("select * from email where id = ?", rowMapper, id).stream().findFirst();
    }

    /**
     * Claims due emails for this instance: locked rows are skipped, so another instance takes other rows, and the
     * lease keeps a claimed row away from everyone until it is recorded (or the lease runs out after a crash).
     * Counts the attempt now, so a crash mid-send still counts it.
     */
    @Override
    public List<EmailRow> claimDue(Instant now, Duration lease, int limit) {
        return jdbc.query("""
                update email set locked_until = ?, attempts = attempts + 1
                where id in (select id from email
                             where status = 'queued' and next_attempt_at <= ?
                               and (locked_until is null or locked_until < ?)
                             order by next_attempt_at limit ? for update skip locked)
                returning *""", rowMapper, ts(now.plus(lease)), ts(now), ts(now), limit);
    }

    /** The following three only touch a row still queued, i.e. not already recorded by an instance whose lease ran out. */
    @Override
    public boolean markSent(String id, Instant sentAt) {
        return jdbc.update("""
                update email set status = 'sent', sent_at = ?, locked_until = null, last_error = null
                where id = ? and status = 'queued'""", ts(sentAt), id) == 1;
    }

    @Override
    public boolean retryAt(String id, Instant nextAttemptAt, String error) {
        return jdbc.update("""
                update email set next_attempt_at = ?, locked_until = null, last_error = ?
                where id = ? and status = 'queued'""", ts(nextAttemptAt), truncate(error), id) == 1;
    }

    @Override
    public boolean markFailed(String id, String error) {
        return jdbc.update("""
                update email set status = 'failed', locked_until = null, last_error = ?
                where id = ? and status = 'queued'""", truncate(error), id) == 1;
    }

    /** Emails not yet accepted by SMTP nor failed: waiting for their first attempt or retrying. */
    @Override
    public long queueDepth() {
        Long depth = jdbc.queryForObject("select count(*) from email where status = 'queued'", Long.class);
        return depth == null ? 0 : depth;
    }

    @Override
    public Optional<Instant> nextDue() {
        return Optional.ofNullable(jdbc.queryForObject("""
                select least((select min(next_attempt_at) from email where status = 'queued'),
                             (select min(fire_at) from email_reminder where status = 'scheduled'))""",
                Timestamp.class)).map(Timestamp::toInstant);
    }

    // --- reminders ---

    @Override
    public void scheduleReminder(String tenantId, String invoiceId, int offsetDays, Instant fireAt, Instant now) {
        jdbc.update("""
                insert into email_reminder (tenant_id, invoice_id, offset_days, fire_at, status, updated_at)
                values (?, ?, ?, ?, 'scheduled', ?) on conflict do nothing""",
                tenantId, invoiceId, offsetDays, ts(fireAt), ts(now));
    }

    @Override
    public int cancelReminders(String tenantId, String invoiceId, Instant now) {
        return jdbc.update("""
                update email_reminder set status = 'cancelled', updated_at = ?
                where tenant_id = ? and invoice_id = ? and status = 'scheduled'""", ts(now), tenantId, invoiceId);
    }

    /** Due reminders, locked until the caller's transaction ends (skipped by other instances meanwhile). */
    @Override
    public List<Reminder> lockDueReminders(Instant now, int limit) {
        return jdbc.query("""
                select tenant_id, invoice_id, offset_days from email_reminder
                where status = 'scheduled' and fire_at <= ? order by fire_at limit ? for update skip locked""",
                (rs, i) -> new Reminder(rs.getString(1), rs.getString(2), rs.getInt(3)), ts(now), limit);
    }

    @Override
    public void settleReminder(Reminder reminder, String status, String emailId, Instant now) {
        jdbc.update("""
                update email_reminder set status = ?, email_id = ?, updated_at = ?
                where tenant_id = ? and invoice_id = ? and offset_days = ?""",
                status, emailId, ts(now), reminder.tenantId(), reminder.invoiceId(), reminder.offsetDays());
    }


    private EmailRow map(ResultSet rs, int i) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new EmailRow(rs.getString("id"), rs.getString("tenant_id"), rs.getString("invoice_id"),
                EmailKind.of(rs.getString("kind")), list(rs.getString("to_addresses")),
                list(rs.getString("cc_addresses")), rs.getString("subject"), rs.getString("message"),
                rs.getString("message_id"), rs.getString("status"), rs.getInt("attempts"),
                rs.getString("last_error"), sent == null ? null : sent.toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }

    private List<String> list(String json) {
        try {
            return mapper.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable address list", e);
        }
    }

    private String json(List<String> values) {
        try {
            return mapper.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 2000 ? error : error.substring(0, 2000);
    }
}
