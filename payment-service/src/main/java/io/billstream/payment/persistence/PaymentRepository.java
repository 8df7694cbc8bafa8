package io.billstream.payment.persistence;

import io.billstream.payment.domain.Payment;
import io.billstream.payment.domain.PaymentMethod;
import io.billstream.payment.domain.PaymentStore;
import io.billstream.platform.money.CurrencyCodes;
import io.billstream.platform.money.Money;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

@Repository
public class PaymentRepository implements PaymentStore {

    private static final RowMapper<Positioned> MAPPER = (rs, i) -> {
        Currency currency = CurrencyCodes.parse(rs.getString("currency"));
        Payment payment = new Payment(rs.getString("id"), rs.getString("tenant_id"), rs.getString("invoice_id"),
                new Money(rs.getBigDecimal("amount"), currency),
                PaymentMethod.fromWire(rs.getString("method")).orElseThrow(), rs.getString("reference"),
                rs.getTimestamp("paid_at").toInstant(), new Money(rs.getBigDecimal("refunded_amount"), currency),
                rs.getLong("version"), rs.getTimestamp("created_at").toInstant());
        return new Positioned(payment, rs.getLong("position"));
    };

    private final JdbcClient jdbc;

    public PaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Payment p) {
        jdbc.sql("""
                insert into payment (id, tenant_id, invoice_id, amount, currency, method, reference, status, paid_at,
                                     refunded_amount, version, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(p.id(), p.tenantId(), p.invoiceId(), p.amount().amount(), p.amount().currencyCode(),
                        p.method().wire(), p.reference(), p.status(), Timestamp.from(p.paidAt()),
                        p.refundedAmount().amount(), p.version(), Timestamp.from(p.createdAt()))
                .update();
    }

    public Optional<Payment> find(String tenantId, String id) {
        return jdbc.sql("select * from payment where tenant_id = ? and id = ?").params(tenantId, id)
                .query(MAPPER).optional().map(Positioned::payment);
    }

    /** Re-reads under a row lock; callers hold the invoice's ledger lock first (lock order: ledger, payment). */
    public Optional<Payment> lock(String tenantId, String id) {
        return jdbc.sql("select * from payment where tenant_id = ? and id = ? for update").params(tenantId, id)
                .query(MAPPER).optional().map(Positioned::payment);
    }

    /**
     * The invoice's payments, newest first, each locked; callers hold the invoice's ledger lock first (lock order:
     * ledger, payment).
     */
    public List<Payment> lockForInvoiceNewestFirst(String tenantId, String invoiceId) {
        return jdbc.sql("""
                select * from payment where tenant_id = ? and invoice_id = ?
                 order by paid_at desc, position desc for update""").params(tenantId, invoiceId)
                .query(MAPPER).list().stream().map(Positioned::payment).toList();
    }

    public void saveRefunded(Payment p) {
        jdbc.sql("update payment set refunded_amount = ?, version = ? where id = ?")
                .params(p.refundedAmount().amount(), p.version(), p.id()).update();
    }

    /** Newest first, strictly older than {@code beforePosition} when given; {@code invoiceId} optional. */
    public List<Positioned> page(String tenantId, String invoiceId, Long beforePosition, int limit) {
        // conditions are left out rather than made optional in SQL, so each shape gets an index-friendly plan
        StringBuilder sql = new StringBuilder("select * from payment where tenant_id = :tenant");
        if (invoiceId != null) {
            sql.append(" and invoice_id = :invoice");
        }
        if (beforePosition != null) {
            sql.append(" and position < :before");
        }
        sql.append(" order by position desc limit :limit");
        JdbcClient.StatementSpec statement = jdbc.sql(sql.toString()).param("tenant", tenantId).param("limit", limit);
        if (invoiceId != null) {
            statement = statement.param("invoice", invoiceId);
        }
        if (beforePosition != null) {
            statement = statement.param("before", beforePosition);
        }
        return statement.query(MAPPER).list();
    }

    /** Every payment of the tenant on any of {@code invoiceIds}, newest first. */
    public List<Positioned> byInvoices(String tenantId, java.util.Collection<String> invoiceIds) {
        if (invoiceIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from payment where tenant_id = :tenant and invoice_id in (:invoices)"
                        + " order by position desc")
                .param("tenant", tenantId).param("invoices", List.copyOf(invoiceIds)).query(MAPPER).list();
    }
}
