package io.billstream.document.documents.domain.render;

import io.billstream.platform.events.data.AddressData;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.events.data.LineItemData;
import io.billstream.platform.events.data.PartyData;
import io.billstream.platform.events.data.TaxLineData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The first render of a JVM takes about a second (class loading, font metrics, JIT); doing one in the background
 * at startup keeps the first real invoice well inside the API contract's "available within 5 s of issue".
 */
@Component
class RenderWarmup {

    private static final Logger log = LoggerFactory.getLogger(RenderWarmup.class);

    private final InvoicePdf pdf;

    RenderWarmup(InvoicePdf pdf) {
        this.pdf = pdf;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        Thread.ofPlatform().name("pdf-warmup").daemon().start(() -> {
            long start = System.nanoTime();
            try {
                pdf.pdf(sample());
                log.info("PDF renderer warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                log.warn("PDF warm-up render failed", e);
            }
        });
    }

    private static InvoiceData sample() {
        PartyData party = new PartyData("Warm-up", "warmup@example.invalid",
                new AddressData("1 Main St", null, "Springfield", null, "00000", "US"), null, "en-US");
        List<LineItemData> lines = List.of(
                new LineItemData("li_warmup1", "Service", "service", "1", "hour", "100.00", "10", "Ref", null,
                        "100.00"),
                new LineItemData("li_warmup2", "Expense", "expense", "1", "item", "10.00", null, null, null, "10.00"));
        return new InvoiceData("inv_warmup", "0000-000", "paid", "cus_warmup", party, party, "USD", lines, "110.00",
                List.of(new TaxLineData("10", "100.00", "10.00")), "10.00", "0.00", "120.00", "120.00", "0.00",
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 15), null, null, "**Notes**", "Terms", null, Map.of(),
                14, "1.5", 1, null, null, Map.of());
    }
}
