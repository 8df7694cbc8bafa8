package io.billstream.invoice.recurring.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.invoice.recurring.api.RecurringInvoiceView;
import io.billstream.platform.paging.KeysetCursor;
import io.billstream.platform.paging.Page;
import io.billstream.platform.persistence.DocumentPages;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /v1/recurring-invoices}: keyset-paginated by (created_at desc, id desc), like invoices. */
@Component
public class RecurringInvoiceViews {

    private final DocumentPages pages;

    RecurringInvoiceViews(JdbcTemplate jdbc, ObjectMapper mapper) {
        this.pages = new DocumentPages(jdbc, mapper);
    }

    public Page<RecurringInvoiceView> list(String tenantId, String customerId, String status, int limit,
                                           KeysetCursor after) {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("customer_id", customerId);
        filters.put("status", status);
        return pages.page("recurring_invoice_view", RecurringInvoiceView.class, tenantId, filters, limit, after);
    }
}
