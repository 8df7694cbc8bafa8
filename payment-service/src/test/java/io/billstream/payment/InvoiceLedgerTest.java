package io.billstream.payment;

import io.billstream.payment.support.HttpResult;
import io.billstream.payment.support.InvoiceEvents;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.Topics;
import io.billstream.testsupport.KafkaProbe;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The ledger as invoice events shape it: read-your-writes, idempotent redelivery, ordering, payability. */
class InvoiceLedgerTest extends PaymentIntegrationTest {

    @Test
    void anInvoicePaidRightAfterItIsIssuedIsFoundNotA404() {
        String tenant = newTenant();
        // the listener is known to be consuming before the real attempt, so the wait below is the only help
        awaitLedger(invoices.issued(tenant, "USD", "1.00"));

        InvoiceEvents.Invoice invoice = invoices.issued(tenant, "USD", "250.00");
        HttpResult paid = api.pay(tenant, invoice.id, "250.00", "USD");

        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
    }

    @Test
    void aDraftThatIsIssuedAMomentLaterIsPayable() {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.draft(tenant, "USD", "80.00");
        invoices.send(invoices.next(invoice, EventTypes.INVOICE_CREATED, "draft", "80.00"));
        awaitLedger(invoice);

        invoices.send(invoices.next(invoice, EventTypes.INVOICE_ISSUED, "open", "80.00"));
        HttpResult paid = api.pay(tenant, invoice.id, "80.00", "USD");

        assertThat(paid.status()).as(paid.toString()).isEqualTo(201);
    }

    @Test
    void theSameIssuedEventDeliveredTwiceAndStaleEventsChangeNothing() {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.draft(tenant, "USD", "100.00");
        IntegrationEvent created = invoices.next(invoice, EventTypes.INVOICE_CREATED, "draft", "90.00");
        IntegrationEvent issued = invoices.next(invoice, EventTypes.INVOICE_ISSUED, "open", "100.00");
        invoices.send(created);
        invoices.send(issued);
        awaitLedger(invoice);
        assertThat(api.pay(tenant, invoice.id, "30.00", "USD").status()).isEqualTo(201);

        invoices.send(issued);
        // an older version under a new event id, e.g. a replay from invoice-service
        IntegrationEvent staleCopy = IntegrationEvent.of("evt_stale" + invoice.id.substring(4), created.source(),
                created.type(), created.subject(), created.time(), created.tenantId(), created.sequence(),
                created.data());
        invoices.send(staleCopy);
        // same key, same partition: once the marker is in the ledger, the redelivery and the stale copy were applied
        InvoiceEvents.Invoice marker = invoices.draft(tenant, "USD", "1.00");
        invoices.send(invoice.id, invoices.next(marker, EventTypes.INVOICE_CREATED, "draft", "1.00"));
        awaitLedger(marker);

        assertThat(jdbc.queryForObject("select count(*) from processed_event where event_id in (?, ?, ?)",
                Integer.class, created.id(), issued.id(), staleCopy.id()))
                .as("the ledger's invoice version is the mark; no processed_event row is needed").isZero();
        Map<String, Object> row = ledgerRow(invoice.id);
        assertThat(row.get("status")).isEqualTo("open");
        assertThat(row.get("invoice_version")).isEqualTo(2L);
        assertThat((BigDecimal) row.get("total")).isEqualByComparingTo("100.00");
        assertThat((BigDecimal) row.get("paid_net")).isEqualByComparingTo("30.00");
        assertThat(api.pay(tenant, invoice.id, "70.01", "USD").code()).isEqualTo("amount_exceeds_due");
        assertThat(api.pay(tenant, invoice.id, "70.00", "USD").status()).isEqualTo(201);
    }

    @Test
    void lateFeesRaiseTheAmountDue() {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.issued(tenant, "USD", "100.00");
        awaitLedger(invoice);
        assertThat(api.pay(tenant, invoice.id, "40.00", "USD").status()).isEqualTo(201);

        invoices.send(invoices.next(invoice, EventTypes.INVOICE_OVERDUE, "overdue", "100.00"));
        invoices.send(invoices.next(invoice, EventTypes.INVOICE_LATE_FEE_ASSESSED, "overdue", "100.90"));
        awaitLedger(invoice);

        assertThat(api.pay(tenant, invoice.id, "60.91", "USD").code()).isEqualTo("amount_exceeds_due");
        assertThat(api.pay(tenant, invoice.id, "60.90", "USD").status()).isEqualTo(201);
    }

    @Test
    void voidUncollectibleAndPaidInvoicesAreNotPayable() {
        String tenant = newTenant();
        InvoiceEvents.Invoice voided = invoices.issued(tenant, "USD", "10.00");
        invoices.send(invoices.next(voided, EventTypes.INVOICE_VOIDED, "void", "10.00"));
        InvoiceEvents.Invoice uncollectible = invoices.issued(tenant, "USD", "10.00");
        invoices.send(invoices.next(uncollectible, EventTypes.INVOICE_MARKED_UNCOLLECTIBLE, "uncollectible",
                "10.00"));
        InvoiceEvents.Invoice paid = invoices.issued(tenant, "USD", "10.00");
        awaitLedger(voided);
        awaitLedger(uncollectible);
        awaitLedger(paid);
        assertThat(api.pay(tenant, paid.id, "10.00", "USD").status()).isEqualTo(201);
        // invoice-service reports paid once the payment reached it
        invoices.send(invoices.next(paid, EventTypes.INVOICE_PAID, "paid", "10.00"));
        awaitLedger(paid);

        for (InvoiceEvents.Invoice invoice : new InvoiceEvents.Invoice[]{voided, uncollectible, paid}) {
            HttpResult refused = api.pay(tenant, invoice.id, "1.00", "USD");
            assertThat(refused.status()).as(invoice.status).isEqualTo(409);
            assertThat(refused.code()).isEqualTo("invoice_not_payable");
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(jdbc.queryForObject("select count(*) from payment where invoice_id in (?, ?)", Integer.class,
                voided.id, uncollectible.id)).isZero();
    }

    @Test
    void aDraftStaysNotPayableAfterTheWait() {
        String tenant = newTenant();
        InvoiceEvents.Invoice draft = invoices.draft(tenant, "USD", "10.00");
        invoices.send(invoices.next(draft, EventTypes.INVOICE_CREATED, "draft", "10.00"));
        awaitLedger(draft);

        HttpResult refused = api.pay(tenant, draft.id, "1.00", "USD");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("invoice_not_payable");
    }

    @Test
    void unknownAndOtherTenantsInvoicesAre404() {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.issued(tenant, "USD", "10.00");
        awaitLedger(invoice);

        HttpResult otherTenant = api.pay(newTenant(), invoice.id, "1.00", "USD");
        assertThat(otherTenant.status()).isEqualTo(404);
        assertThat(otherTenant.code()).isEqualTo("not_found");
        HttpResult neverIssued = api.pay(tenant, invoices.draft(tenant, "USD", "1.00").id, "1.00", "USD");
        assertThat(neverIssued.status()).isEqualTo(404);
        assertThat(api.pay(tenant, "not-an-invoice", "1.00", "USD").status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from payment where invoice_id = ?", Integer.class,
                invoice.id)).isZero();
    }

    @Test
    void aCurrencyMismatchIsRefused() {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.issued(tenant, "EUR", "10.00");
        awaitLedger(invoice);

        HttpResult refused = api.pay(tenant, invoice.id, "10.00", "USD");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo("currency_mismatch");
    }

    @Test
    void unusableInvoiceEventsGoToTheDeadLetterTopicAndBlockNothing() {
        String tenant = newTenant();
        InvoiceEvents.Invoice invoice = invoices.draft(tenant, "USD", "10.00");
        kafka.send(Topics.INVOICE, invoice.id, "{\"not\": \"an event\"}");
        invoices.send(invoices.next(invoice, EventTypes.INVOICE_CREATED, "no-such-status", "10.00"));
        invoices.send(invoices.next(invoice, EventTypes.INVOICE_ISSUED, "open", "10.00"));

        awaitLedger(invoice);
        assertThat(ledgerRow(invoice.id).get("status")).isEqualTo("open");
        try (KafkaProbe deadLetters = new KafkaProbe(environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                Topics.deadLetter(Topics.INVOICE))) {
            assertThat(deadLetters.await(r -> invoice.id.equals(r.key()), 2, KAFKA_WAIT)).hasSize(2);
        }
        assertThat(api.pay(tenant, invoice.id, "10.00", "USD").status()).isEqualTo(201);
    }
}
