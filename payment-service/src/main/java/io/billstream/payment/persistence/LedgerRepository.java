package io.billstream.payment.persistence;

import io.billstream.payment.domain.InvoiceFacts;
import io.billstream.payment.domain.InvoiceStatus;
import io.billstream.payment.domain.LedgerEntry;
import io.billstream.payment.domain.LedgerStore;
import io.billstream.platform.money.CurrencyCodes;
import io.billstream.platform.money.Money;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Currency;
import java.util.List;
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

    private final JdbcClient client;
    private final JdbcTemplate jdbc;

    public LedgerRepository(JdbcClient client, JdbcTemplate jdbc) {
        this.client = client;
        this.jdbc = jdbc;
    }

    /** Reads without locking, for the read-your-writes wait. */
    public Optional<LedgerEntry> find(String invoiceId) {
        return client.sql("select * from invoice_ledger where invoice_id = ?").param(invoiceId).query(MAPPER).optional();
    }

    /**
     * Locks the row until the transaction ends. Every payment and refund of the invoice goes through here, so
     * they run one after another on every instance and each sees the amount the previous one left.
     */
    public Optional<LedgerEntry> lock(String invoiceId) {
        return client.sql("select * from invoice_ledger where invoice_id = ? for update")
                .param(invoiceId).query(MAPPER).optional();
    }

    private static final String APPLY_FACTS = """
            insert into invoice_ledger (invoice_id, tenant_id, currency, total, status, invoice_version, credited,
                                        updated_at)
            values (?, ?, ?, ?, ?, ?, ?, now())
            on conflict (invoice_id) do update
               set currency = excluded.currency, total = excluded.total, status = excluded.status,
                   invoice_version = excluded.invoice_version, credited = excluded.credited, updated_at = now()
             where invoice_ledger.invoice_version < excluded.invoice_version
               and invoice_ledger.tenant_id = excluded.tenant_id""";

    /**
     * Takes the invoice facts of events unless a row already holds that version or a newer one (events of one
     * invoice can arrive late or twice). {@code paid_net} is never touched here. One round trip: the statements go
     * as one JDBC batch, which the driver sends with a single sync, so without a transaction around it they are one
     * implicit transaction and one commit.
     */
    public void applyInvoiceFacts(List<InvoiceFacts> facts) {
        jdbc.batchUpdate(APPLY_FACTS, facts, facts.size(), (statement, f) -> {
            statement.setString(1, f.invoiceId());
            statement.setString(2, f.tenantId());
            statement.setString(3, f.currency());
            statement.setBigDecimal(4, f.total());
            statement.setString(5, f.status().wire());
            statement.setLong(6, f.version());
            statement.setBigDecimal(7, f.credited());
        });
    }

    public void savePaidNet(LedgerEntry entry) {
        client.sql("update invoice_ledger set paid_net = ?, updated_at = now() where invoice_id = ?")
                .params(entry.paidNet().amount(), entry.invoiceId()).update();
    }
}
