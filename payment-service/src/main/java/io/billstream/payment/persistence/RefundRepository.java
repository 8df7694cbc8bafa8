package io.billstream.payment.persistence;

import io.billstream.payment.domain.Refund;
import io.billstream.payment.domain.RefundStore;
import io.billstream.platform.money.CurrencyCodes;
import io.billstream.platform.money.Money;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

@Repository
public class RefundRepository implements RefundStore {

    private static final String SELECT = """
            select r.*, p.currency from refund r join payment p on p.id = r.payment_id
             where r.tenant_id = ? and r.payment_id = ?""";
    private static final RowMapper<Refund> MAPPER = (rs, i) -> new Refund(rs.getString("id"),
            rs.getString("tenant_id"), rs.getString("payment_id"),
            new Money(rs.getBigDecimal("amount"), CurrencyCodes.parse(rs.getString("currency"))),
            rs.getString("reason"), rs.getTimestamp("created_at").toInstant(), rs.getString("credit_note_id"));

    private final JdbcClient jdbc;

    public RefundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Refund r) {
        jdbc.sql("""
                insert into refund (id, tenant_id, payment_id, amount, reason, created_at, credit_note_id)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(r.id(), r.tenantId(), r.paymentId(), r.amount().amount(), r.reason(),
                        Timestamp.from(r.createdAt()), r.creditNoteId())
                .update();
    }

    /** Oldest first: a payment has few refunds, so they are listed whole. */
    public List<Refund> list(String tenantId, String paymentId) {
        return jdbc.sql(SELECT + " order by r.created_at, r.id").params(tenantId, paymentId).query(MAPPER).list();
    }

    public Optional<Refund> find(String tenantId, String paymentId, String refundId) {
        return jdbc.sql(SELECT + " and r.id = ?").params(tenantId, paymentId, refundId).query(MAPPER).optional();
    }
}
