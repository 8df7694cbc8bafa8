package io.billstream.invoice.invoicing.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.invoice.invoicing.api.CreditNoteView;
import io.billstream.platform.paging.KeysetCursor;
import io.billstream.platform.paging.Page;
import io.billstream.platform.persistence.DocumentPages;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The credit-note read model: lists keyset-paginated by (created_at desc, id desc) like invoices, and id → invoice. */
@Component
public class CreditNoteViews {

    private final JdbcTemplate jdbc;
    private final DocumentPages pages;

    CreditNoteViews(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.pages = new DocumentPages(jdbc, mapper);
    }

    /** The invoice a tenant's credit note belongs to. */
    public Optional<String> invoiceOf(String tenantId, String creditNoteId) {
        return jdbc.query("select invoice_id from credit_note_view where tenant_id = ? and id = ?",
                (rs, n) -> rs.getString(1), tenantId, creditNoteId).stream().findFirst();
    }

    public Page<CreditNoteView> list(String tenantId, String invoiceId, String customerId, int limit, KeysetCursor after) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("invoice_id", invoiceId);
        filters.put("customer_id", customerId);
        return pages.page("credit_note_view", CreditNoteView.class, tenantId, filters, limit, after);
    }
}
