package io.billstream.payment.persistence;

import io.billstream.payment.domain.InvoiceStatus;
import io.billstream.payment.domain.LedgerEntry;
import io.billstream.payment.domain.LedgerStore;
import io.billstream.platform.money.CurrencyCodes;
import io.billstream.platform.money.Money;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;

/** The per-invoice ledger ({@code invoice_ledger}). */
@Repository
public class LedgerRepository implements LedgerStore {

    private static final RowMapper<LedgerEntry> MAPPER = (rs, i) -> {
        Currency currency = CurrencyCodes.parse(rs.getString("currency"));
        return new LedgerEntry(rs.getString("invoice_id"), rs.getString("tenant_id"), currency,
                new Money(rs.getBigDecimal("total"), currency), InvoiceStatus.fromWire(rs.getString("status")),
                rs.getLong("invoice_version"), new Money(rs.getBigDecimal("paid_net"), currency),
                new Money(rs.getBigDecimal("credited"), currency));
    };

    private final JdbcClient jdbc;

    public LedgerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Reads without locking, for the read-your-writes wait. */
    public Optional<LedgerEntry> find(String invoiceId) {
        return jdbc.sql("select * from invoice_ledger where invoice_id = ?").param(invoiceId).query(MAPPER).optional();
    }

    /**
     * Locks the row until the transaction ends. Every payment and refund of the invoice goes through here, so
     * they run one after another on every instance and each sees the amount the previous one left.
     */
    public Optional<LedgerEntry> lock(String invoiceId) {
        return jdbc.sql("select * from invoice_ledger where invoice_id = ? for update")
                .param(invoiceId).query(MAPPER).optional();
    }

    /**
     * Takes the invoice facts of an event unless the row already holds that version or a newer one (events of
     * one invoice can arrive late or twice). {@code paid_net} is never touched here. Returns whether it changed.
     */
    public boolean applyInvoiceState(String invoiceId, String tenantId, String currency, BigDecimal total,
                                     InvoiceStatus status, long version, BigDecimal credited) {
        return jdbc.sql("""
                insert into invoice_ledger (invoice_id, tenant_id, currency, total, status, invoice_version, credited,
                                            updated_at)
                values (:id, :tenant, :currency, :total, :status, :version, :credited, now())
                on conflict (invoice_id) do update
                   set currency = excluded.currency, total = excluded.total, status = excluded.status,
                       invoice_version = excluded.invoice_version, credited = excluded.credited, updated_at = now()
                 where invoice_ledger.invoice_version < excluded.invoice_version
                   and invoice_ledger.tenant_id = excluded.tenant_id""")
                .param("id", invoiceId).param("tenant", tenantId).param("currency", currency)
                .param("total", total).param("status", status.wire()).param("version", version)
                .param("credited", credited)
                .update() == 1;
    }

    public void savePaidNet(LedgerEntry entry) {
        jdbc.sql("update invoice_ledger set paid_net = ?, updated_at = now() where invoice_id = ?")
                .params(entry.paidNet().amount(), entry.invoiceId()).update();
    }
}
