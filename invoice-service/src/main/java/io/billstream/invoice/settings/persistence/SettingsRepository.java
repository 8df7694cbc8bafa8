package io.billstream.invoice.settings.persistence;

import io.billstream.invoice.settings.domain.SettingsStore;
import io.billstream.invoice.customers.persistence.CustomerRepository;
import io.billstream.invoice.settings.domain.BillingSettings;
import io.billstream.invoice.settings.domain.SettingsDefaults;
import io.billstream.platform.events.data.AddressData;
import io.billstream.platform.events.data.EmailSettingsData;
import io.billstream.platform.events.data.PartyData;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The {@code billing_settings} table: one row per tenant once it has PUT its settings. */
@Repository
public class SettingsRepository implements SettingsStore {

    private final JdbcClient jdbc;

    public SettingsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<BillingSettings> find(String tenantId) {
        return jdbc.sql("select * from billing_settings where tenant_id = ?").param(tenantId)
                .query((rs, i) -> map(rs)).optional();
    }

    /** Replaces the tenant's whole document (API contract §4: PUT replaces), creating it on the first PUT. */
    public void replace(String tenantId, BillingSettings s, Instant now) {
        PartyData seller = s.seller();
        AddressData a = seller.address();
        jdbc.sql("""
                        insert into billing_settings (tenant_id, seller_name, seller_email, seller_address_line1,
                            seller_address_line2, seller_address_city, seller_address_region,
                            seller_address_postal_code, seller_address_country, seller_tax_id, default_currency,
                            payment_terms_days, late_fee_percent_per_month, number_format, default_notes,
                            default_terms, locale, updated_at, send_invoices_on_issue, reminder_offsets_days,
                            send_receipts, credit_note_number_format, seller_vat_id, seller_iban, seller_bic,
                            seller_phone)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict (tenant_id) do update set
                            seller_name = excluded.seller_name, seller_email = excluded.seller_email,
                            seller_address_line1 = excluded.seller_address_line1,
                            seller_address_line2 = excluded.seller_address_line2,
                            seller_address_city = excluded.seller_address_city,
                            seller_address_region = excluded.seller_address_region,
                            seller_address_postal_code = excluded.seller_address_postal_code,
                            seller_address_country = excluded.seller_address_country,
                            seller_tax_id = excluded.seller_tax_id, default_currency = excluded.default_currency,
                            payment_terms_days = excluded.payment_terms_days,
                            late_fee_percent_per_month = excluded.late_fee_percent_per_month,
                            number_format = excluded.number_format, default_notes = excluded.default_notes,
                            default_terms = excluded.default_terms, locale = excluded.locale,
                            updated_at = excluded.updated_at,
                            send_invoices_on_issue = excluded.send_invoices_on_issue,
                            reminder_offsets_days = excluded.reminder_offsets_days,
                            send_receipts = excluded.send_receipts,
                            credit_note_number_format = excluded.credit_note_number_format,
                            seller_vat_id = excluded.seller_vat_id, seller_iban = excluded.seller_iban,
                            seller_bic = excluded.seller_bic, seller_phone = excluded.seller_phone""")
                .params(tenantId, seller.name(), seller.email(),
                        a == null ? null : a.line1(), a == null ? null : a.line2(), a == null ? null : a.city(),
                        a == null ? null : a.region(), a == null ? null : a.postalCode(),
                        a == null ? null : a.country(), seller.taxId(), s.defaultCurrency(), s.paymentTermsDays(),
                        s.lateFeePercentPerMonth(), s.numberFormat(), s.defaultNotes(), s.defaultTerms(), s.locale(),
                        CustomerRepository.utc(now), s.email().sendInvoicesOnIssue(),
                        s.email().reminderOffsetsDays().toArray(Integer[]::new), s.email().sendReceipts(),
                        s.creditNoteNumberFormat(), seller.vatId(), seller.iban(), seller.bic(),
                        seller.contactPhone())
                .update();
    }

    private static BillingSettings map(ResultSet rs) throws SQLException {
        String locale = rs.getString("locale");
        PartyData seller = new PartyData(rs.getString("seller_name"), rs.getString("seller_email"),
                CustomerRepository.address(rs, "seller_address_"), rs.getString("seller_tax_id"), locale,
                rs.getString("seller_vat_id"), rs.getString("seller_iban"), rs.getString("seller_bic"), null,
                rs.getString("seller_phone"));
        return new BillingSettings(seller, rs.getString("default_currency"), rs.getInt("payment_terms_days"),
                rs.getBigDecimal("late_fee_percent_per_month").stripTrailingZeros(), rs.getString("number_format"),
                rs.getString("default_notes"), rs.getString("default_terms"), locale,
                new EmailSettingsData(rs.getBoolean("send_invoices_on_issue"),
                        List.of((Integer[]) rs.getArray("reminder_offsets_days").getArray()),
                        rs.getBoolean("send_receipts")),
                rs.getString("credit_note_number_format"));
    }
}
