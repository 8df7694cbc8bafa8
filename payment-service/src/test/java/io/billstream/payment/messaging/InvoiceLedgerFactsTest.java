package io.billstream.payment.messaging;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.data.AddressData;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.events.data.LineItemData;
import io.billstream.platform.events.data.PartyData;
import io.billstream.platform.events.data.TaxLineData;
import io.billstream.platform.messaging.IntegrationEventCodec;
import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The ledger's reading of an invoice event takes the same values as the whole invoice, and only those. */
class InvoiceLedgerFactsTest {

    /** As strict as the services' mapper (billstream-defaults.yml): an unknown property fails unless ignored. */
    private final ObjectMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private final IntegrationEventCodec codec = new IntegrationEventCodec(mapper);

    @Test
    void readsTheLedgerFieldsOfAWholeInvoice() {
        Instant at = Instant.parse("2026-12-06T20:15:30Z");
        PartyData party = new PartyData("Ada", "ada@example.com", new AddressData("1 Way", null, "Lyon", null,
                "69001", "FR"), null, "fr-FR", "FR123", null, null, null, null);
        LineItemData line = new LineItemData("li_1", "Design", "service", "10", "hour", "95.00", "20", null, null,
                "950.00", null, null);
        InvoiceData invoice = new InvoiceData("inv_1", "2026-007", "paid", "cus_1", party, party, "EUR",
                List.of(line), "950.00", List.of(new TaxLineData("20", "950.00", "190.00")), "190.00", "0.00",
                "1140.00", "1140.00", "0.00", LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 15), at, null,
                "notes", "terms", "ref", Map.of("k", "v"), 14, "1.5", 7, at, at,
                Map.of("payment", Map.of("id", "pay_1", "amount", "1140.00")), "rin_1", 3, true, null, "12.34");
        IntegrationEvent event = codec.decode(codec.encode(IntegrationEvent.of("evt_1", "billstream/invoice-service",
                EventTypes.INVOICE_PAID, "inv_1", at, "ten_1", 7, codec.toTree(invoice))));

        InvoiceLedgerFacts facts = codec.data(event, InvoiceLedgerFacts.class);

        assertThat(facts).isEqualTo(new InvoiceLedgerFacts("inv_1", "EUR", "1140.00", "paid", 7, "12.34"));
    }

    /** A field renamed in InvoiceData would otherwise read as null here without a word. */
    @Test
    void everyFieldIsOneOfTheInvoiceEventsFields() {
        List<String> invoiceFields = Arrays.stream(InvoiceData.class.getRecordComponents())
                .map(RecordComponent::getName).toList();
        assertThat(Arrays.stream(InvoiceLedgerFacts.class.getRecordComponents()).map(RecordComponent::getName))
                .isNotEmpty().allMatch(invoiceFields::contains);
    }
}
