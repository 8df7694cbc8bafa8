package io.billstream.invoice.invoicing.domain;

import io.billstream.invoice.customers.domain.CustomerDirectory;
import io.billstream.invoice.invoicing.api.ApplyRefund;
import io.billstream.invoice.invoicing.api.CreditNoteIssued;
import io.billstream.invoice.invoicing.api.CreditNoteRefundFailed;
import io.billstream.invoice.invoicing.api.DraftTerms;
import io.billstream.invoice.invoicing.api.InvoiceCreated;
import io.billstream.invoice.invoicing.api.InvoiceIssued;
import io.billstream.invoice.invoicing.api.InvoiceMarkedUncollectible;
import io.billstream.invoice.invoicing.api.InvoicePaid;
import io.billstream.invoice.invoicing.api.InvoiceVoided;
import io.billstream.invoice.invoicing.api.IssueCreditNote;
import io.billstream.invoice.invoicing.api.IssueInvoice;
import io.billstream.invoice.invoicing.api.LateFeeAssessed;
import io.billstream.invoice.invoicing.api.LineItem;
import io.billstream.invoice.invoicing.api.PaymentApplied;
import io.billstream.invoice.invoicing.api.RecordCreditNoteRefundFailure;
import io.billstream.invoice.invoicing.api.RefundApplied;
import io.billstream.platform.events.data.PartyData;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import static io.billstream.invoice.DomainErrors.code;
import static org.assertj.core.api.Assertions.assertThat;

/** docs/api-reference.md §13 on the Invoice aggregate: every guard of IssueCreditNote, the rounding rules, and what a credit does. */
class CreditNoteAggregateTest {

    static final String ID = "inv_cn";
    static final String TENANT = "ten_a";
    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    static final PartyData CUSTOMER = new PartyData("Globex", "ap@globex.test", null, null, null);
    static final PartyData SELLER = new PartyData("Acme Studio", "billing@acme.test", null, null, null);
    /** 10 h × 150.00 at 19 %: 1500.00 + 285.00 = 1785.00. */
    static final LineItem DESIGN = new LineItem("li_1", "Design", "service", new BigDecimal("10"), "hour",
            new BigDecimal("150.00"), new BigDecimal("19"), null, null);
    static final DraftTerms DRAFT = new DraftTerms("cus_1", "USD", null, null, 14, null, new BigDecimal("2"), null,
            Map.of());
    static final MetaData AS_TENANT = MetaData.with("tenantId", TENANT);

    AggregateTestFixture<Invoice> fixture;
    AtomicLong creditNumbers;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Invoice.class);
        creditNumbers = new AtomicLong();
        AtomicLong invoiceNumbers = new AtomicLong();
        fixture.registerInjectableResource(Clock.fixed(TODAY.atTime(9, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
        fixture.registerInjectableResource((CustomerDirectory) (tenant, id) -> Optional.of(CUSTOMER));
        fixture.registerInjectableResource((InvoiceNumberAllocator) (t, y) -> invoiceNumbers.incrementAndGet());
        fixture.registerInjectableResource((CreditNoteNumberAllocator) (t, y) -> creditNumbers.incrementAndGet());
    }

    static InvoiceCreated created(LineItem... lines) {
        return new InvoiceCreated(ID, TENANT, DRAFT, CUSTOMER, List.of(lines));
    }

    static InvoiceIssued issued() {
        return new InvoiceIssued(ID, "2026-007", TODAY, TODAY.plusDays(14), CUSTOMER, SELLER, "open");
    }

    static IssueCreditNote lines(IssueCreditNote.CreditLine... lines) {
        return new IssueCreditNote(ID, "cn_1", List.of(lines), null, "order_change", "Agreed discount", null);
    }

    static IssueCreditNote amount(String amount) {
        return new IssueCreditNote(ID, "cn_1", null, new BigDecimal(amount), "other", null, null);
    }

    static IssueCreditNote.CreditLine quantity(String lineId, String quantity) {
        return new IssueCreditNote.CreditLine(lineId, new BigDecimal(quantity), null);
    }

    static IssueCreditNote.CreditLine net(String lineId, String amount) {
        return new IssueCreditNote.CreditLine(lineId, null, new BigDecimal(amount));
    }

    static IssueCreditNote.CreditLine rest(String lineId) {
        return new IssueCreditNote.CreditLine(lineId, null, null);
    }

    /** A credit note already issued on the invoice: {@code lines} credited with {@code tax} at 19 %. */
    static CreditNoteIssued earlier(String id, BigDecimal quantity, String net, String tax, String refund) {
        BigDecimal n = new BigDecimal(net);
        BigDecimal t = new BigDecimal(tax);
        BigDecimal total = n.add(t);
        BigDecimal r = new BigDecimal(refund);
        return new CreditNoteIssued(ID, id, "CN-2026-001", TODAY, "other", null,
                List.of(new CreditNoteIssued.Line("li_1", "Design", "service", quantity == null ? BigDecimal.ONE
                        : quantity, "hour", quantity == null ? n : new BigDecimal("150.00"), new BigDecimal("19"),
                        null, null, n, quantity, false)),
                List.of(new CreditNoteIssued.Tax(new BigDecimal("19"), n, t)), n, t, total, total.subtract(r), r);
    }

    static CommandMessage<?> asTenant(Object command) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(AS_TENANT);
    }

    /** The published events' payloads must pass {@code check} (AssertJ, so BigDecimal scales compare by value). */
    static Matcher<List<EventMessage<?>>> events(Consumer<List<Object>> check) {
        return new TypeSafeMatcher<>() {
            private String failure = "";

            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                try {
                    check.accept(events.stream().<Object>map(EventMessage::getPayload).toList());
                    return true;
                } catch (AssertionError e) {
                    failure = e.getMessage();
                    return false;
                }
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("events passing the check: " + failure);
            }
        };
    }

    static void money(BigDecimal actual, String expected) {
        assertThat(actual).isEqualByComparingTo(expected);
    }

    @Nested
    class Issues {
        @Test
        void creditsPartOfALineByQuantityAtItsRateWithTheFirstNumberOfTheSeries() {
            fixture.given(created(DESIGN), issued()).when(lines(quantity("li_1", "2")), AS_TENANT)
                    .expectEventsMatching(events(payloads -> {
                        assertThat(payloads).hasSize(1);
                        CreditNoteIssued e = (CreditNoteIssued) payloads.getFirst();
                        assertThat(e.number()).isEqualTo("CN-2026-001");
                        assertThat(e.issueDate()).isEqualTo(TODAY);
                        assertThat(e.lines()).singleElement().satisfies(l -> {
                            assertThat(l.lineItemId()).isEqualTo("li_1");
                            money(l.quantity(), "2");
                            money(l.unitPrice(), "150.00");
                            money(l.amount(), "300.00");
                            money(l.taxRatePercent(), "19");
                        });
                        money(e.subtotal(), "300.00");
                        money(e.taxTotal(), "57.00");
                        money(e.total(), "357.00");
                        money(e.creditedAmount(), "357.00");
                        money(e.refundAmount(), "0");
                        assertThat(e.reason()).isEqualTo("order_change");
                        assertThat(e.memo()).isEqualTo("Agreed discount");
                    }));
        }

        @Test
        void usesTheNumberFormatFromSettings() {
            fixture.given(created(DESIGN), issued())
                    .when(new IssueCreditNote(ID, "cn_1", List.of(quantity("li_1", "1")), null, "other", null,
                            "G{yy}/{seq:5}"), AS_TENANT)
                    .expectEventsMatching(events(p -> assertThat(((CreditNoteIssued) p.getFirst()).number())
                            .isEqualTo("G26/00001")));
        }

        @Test
        void creditingAnOpenInvoiceToZeroPaysIt() {
            fixture.given(created(DESIGN), issued()).when(lines(rest("li_1")), AS_TENANT)
                    .expectEventsMatching(events(p -> {
                        assertThat(p).hasSize(2);
                        money(((CreditNoteIssued) p.get(0)).total(), "1785.00");
                        money(((CreditNoteIssued) p.get(0)).lines().getFirst().quantity(), "10");
                        assertThat(p.get(1)).isEqualTo(new InvoicePaid(ID));
                    }));
        }

        @Test
        void onAPartlyPaidInvoiceTheCreditBeyondTheAmountDueIsRefunded() {
            fixture.given(created(DESIGN), issued(), new PaymentApplied(ID, "pay_1", new BigDecimal("1000.00")))
                    .when(lines(net("li_1", "1000.00")), AS_TENANT)   // 1000.00 + 190.00 tax, 785.00 due
                    .expectEventsMatching(events(p -> {
                        CreditNoteIssued e = (CreditNoteIssued) p.getFirst();
                        money(e.total(), "1190.00");
                        money(e.creditedAmount(), "785.00");
                        money(e.refundAmount(), "405.00");
                        assertThat(p.get(1)).isEqualTo(new InvoicePaid(ID));
                    }));
        }

        @Test
        void onAPaidInvoiceAllOfItIsRefundedAndTheInvoiceStaysPaid() {
            fixture.given(created(DESIGN), issued(), new PaymentApplied(ID, "pay_1", new BigDecimal("1785.00")),
                            new InvoicePaid(ID))
                    .when(lines(quantity("li_1", "1.5")), AS_TENANT)
                    .expectEventsMatching(events(p -> {
                        assertThat(p).hasSize(1);
                        CreditNoteIssued e = (CreditNoteIssued) p.getFirst();
                        money(e.total(), "267.75");     // 225.00 + 42.75
                        money(e.creditedAmount(), "0");
                        money(e.refundAmount(), "267.75");
                    }));
        }

        @Test
        void theSameCreditNoteIdTwiceChangesNothing() {
            fixture.given(created(DESIGN), issued(), earlier("cn_1", new BigDecimal("2"), "300.00", "57.00", "0"))
                    .when(lines(quantity("li_1", "2")), AS_TENANT)
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void theRefundThatPaysOutACreditNoteLeavesThePaidInvoicePaid() {
            fixture.given(created(DESIGN), issued(), new PaymentApplied(ID, "pay_1", new BigDecimal("1785.00")),
                            new InvoicePaid(ID), earlier("cn_1", null, "100.00", "19.00", "119.00"))
                    .when(new ApplyRefund(ID, "ref_1", "pay_1", new BigDecimal("119.00"), "USD", "cn_1"), AS_TENANT)
                    .expectEvents(new RefundApplied(ID, "ref_1", "pay_1", new BigDecimal("119.00"), "paid", "cn_1"));
        }

        @Test
        void aRefundFailureIsRecordedOnce() {
            CreditNoteIssued note = earlier("cn_1", null, "100.00", "19.00", "119.00");
            CreditNoteRefundFailed failed = new CreditNoteRefundFailed(ID, "cn_1", new BigDecimal("19.00"),
                    "payments cover only 100.00");
            fixture.given(created(DESIGN), issued(), note)
                    .when(new RecordCreditNoteRefundFailure(ID, "cn_1", new BigDecimal("19.00"),
                            "payments cover only 100.00"), AS_TENANT)
                    .expectEvents(failed);
            fixture.given(created(DESIGN), issued(), note, failed)
                    .when(new RecordCreditNoteRefundFailure(ID, "cn_1", new BigDecimal("19.00"), "again"), AS_TENANT)
                    .expectNoEvents();
        }
    }

    @Nested
    class Rounding {
        static final LineItem A = new LineItem("li_a", "Build", "service", BigDecimal.ONE, "item",
                new BigDecimal("100.00"), new BigDecimal("19"), null, null);
        static final LineItem B = new LineItem("li_b", "Books", "expense", BigDecimal.ONE, "item",
                new BigDecimal("33.33"), new BigDecimal("7"), null, null);
        static final LineItem C = new LineItem("li_c", "Transport", "expense", BigDecimal.ONE, "item",
                new BigDecimal("10.01"), new BigDecimal("5.5"), null, null);

        @Test
        void aBareAmountIsSpreadOverThreeRatesProRataAndAddsUpExactly() {
            // gross per rate (ascending) 10.56 | 35.66 | 119.00 = 165.22; 10.00 split by cumulative half-up
            // rounding: round(10 × 10.56/165.22) = 0.64, round(10 × 46.22/165.22) = 2.80 → 2.16, 10.00 → 7.20
            fixture.given(created(A, B, C), issued()).when(amount("10.00"), AS_TENANT)
                    .expectEventsMatching(events(p -> {
                        CreditNoteIssued e = (CreditNoteIssued) p.getFirst();
                        assertThat(e.lines()).hasSize(3);
                        // nets: 0.64/1.055 = 0.61, 2.16/1.07 = 2.02, 7.20/1.19 = 6.05; tax = part − net
                        money(e.lines().get(0).amount(), "0.61");
                        money(e.lines().get(0).taxRatePercent(), "5.5");
                        money(e.lines().get(1).amount(), "2.02");
                        money(e.lines().get(2).amount(), "6.05");
                        money(e.lines().get(2).taxRatePercent(), "19");
                        assertThat(e.lines().get(1).kind()).isEqualTo("expense");
                        assertThat(e.lines()).allSatisfy(l -> assertThat(l.lineItemId()).isNull());
                        assertThat(e.taxBreakdown()).extracting(t -> t.tax().toPlainString())
                                .containsExactly("0.03", "0.14", "1.15"); // rates ordered 5.5, 7, 19
                        money(e.subtotal(), "8.68");
                        money(e.taxTotal(), "1.32");
                        money(e.total(), "10.00");
                    }));
        }

        @Test
        void aBareAmountOfTheWholeInvoiceCreditsEveryRateInFull() {
            fixture.given(created(A, B, C), issued()).when(amount("165.22"), AS_TENANT)
                    .expectEventsMatching(events(p -> {
                        CreditNoteIssued e = (CreditNoteIssued) p.getFirst();
                        assertThat(e.taxBreakdown()).extracting(t -> t.base().toPlainString() + "/"
                                + t.tax().toPlainString()).containsExactly("10.01/0.55", "33.33/2.33", "100.00/19.00");
                        money(e.total(), "165.22");
                        assertThat(p.get(1)).isEqualTo(new InvoicePaid(ID));
                    }));
        }

        @Test
        void taxOnLineCreditsIsRoundedCumulativelySoTwoHalvesNeverExceedTheInvoice() {
            // 33.33 at 7 %: tax 2.33. Half 16.66 → tax 1.17 (1.1662); the rest 16.67 alone would be 1.17 (1.1669),
            // 35.67 in all, a cent over the invoice; cumulatively it is round(33.33 × 7 %) − 1.17 = 1.16.
            CreditNoteIssued half = new CreditNoteIssued(ID, "cn_0", "CN-2026-001", TODAY, "other", null,
                    List.of(new CreditNoteIssued.Line("li_b", "Books", "expense", BigDecimal.ONE, "item",
                            new BigDecimal("16.66"), new BigDecimal("7"), null, null, new BigDecimal("16.66"), null,
                            false)),
                    List.of(new CreditNoteIssued.Tax(new BigDecimal("7"), new BigDecimal("16.66"),
                            new BigDecimal("1.17"))),
                    new BigDecimal("16.66"), new BigDecimal("1.17"), new BigDecimal("17.83"),
                    new BigDecimal("17.83"), BigDecimal.ZERO);
            fixture.given(created(B), issued(), half).when(lines(rest("li_b")), AS_TENANT)
                    .expectEventsMatching(events(p -> {
                        CreditNoteIssued e = (CreditNoteIssued) p.getFirst();
                        money(e.subtotal(), "16.67");
                        money(e.taxTotal(), "1.16");
                        money(e.total(), "17.83");
                        assertThat(p.get(1)).isEqualTo(new InvoicePaid(ID));
                    }));
        }

        @Test
        void aQuantityThatDoesNotDivideEvenlyRoundsHalfUp() {
            LineItem odd = new LineItem("li_o", "Hosting", "expense", new BigDecimal("3"), "month",
                    new BigDecimal("33.35"), new BigDecimal("19"), null, null);
            fixture.given(created(odd), issued()).when(lines(quantity("li_o", "0.5")), AS_TENANT)
                    .expectEventsMatching(events(p -> {
                        CreditNoteIssued e = (CreditNoteIssued) p.getFirst();
                        money(e.subtotal(), "16.68");      // 16.675
                        money(e.taxTotal(), "3.17");       // 3.1692
                    }));
        }
    }

    @Nested
    class Guards {
        @Test
        void refusesADraft() {
            fixture.given(created(DESIGN)).when(lines(quantity("li_1", "1")), AS_TENANT)
                    .expectException(code("invoice_not_creditable")).expectNoEvents();
        }

        @Test
        void refusesAVoidInvoice() {
            fixture.given(created(DESIGN), issued(), new InvoiceVoided(ID, "x"))
                    .when(lines(quantity("li_1", "1")), AS_TENANT)
                    .expectException(code("invoice_not_creditable")).expectNoEvents();
        }

        @Test
        void refusesAnUncollectibleInvoice() {
            fixture.given(created(DESIGN), issued(), new InvoiceMarkedUncollectible(ID))
                    .when(lines(quantity("li_1", "1")), AS_TENANT)
                    .expectException(code("invoice_not_creditable")).expectNoEvents();
        }

        @Test
        void refusesAnotherTenant() {
            fixture.given(created(DESIGN), issued())
                    .when(lines(quantity("li_1", "1")), MetaData.with("tenantId", "ten_b"))
                    .expectException(code("not_found")).expectNoEvents();
        }

        @Test
        void refusesAnUnknownLine() {
            fixture.given(created(DESIGN), issued()).when(lines(quantity("li_9", "1")), AS_TENANT)
                    .expectException(code("validation_failed")).expectNoEvents();
        }

        @Test
        void refusesTheSameLineTwice() {
            fixture.given(created(DESIGN), issued()).when(lines(quantity("li_1", "1"), quantity("li_1", "1")),
                    AS_TENANT).expectException(code("validation_failed")).expectNoEvents();
        }

        @Test
        void refusesAQuantityAboveWhatRemainsUncreditedOnTheLine() {
            fixture.given(created(DESIGN), issued(), earlier("cn_0", new BigDecimal("8"), "1200.00", "228.00", "0"))
                    .when(lines(quantity("li_1", "3")), AS_TENANT)
                    .expectException(code("validation_failed")).expectNoEvents();
        }

        @Test
        void refusesAZeroOrNegativeQuantity() {
            fixture.given(created(DESIGN), issued()).when(lines(quantity("li_1", "0")), AS_TENANT)
                    .expectException(code("validation_failed")).expectNoEvents();
            fixture.given(created(DESIGN), issued()).when(lines(quantity("li_1", "-1")), AS_TENANT)
                    .expectException(code("validation_failed")).expectNoEvents();
        }

        @Test
        void refusesZeroAndNegativeAmounts() {
            fixture.given(created(DESIGN), issued()).when(amount("0"), AS_TENANT)
                    .expectException(code("amount_not_positive")).expectNoEvents();
            fixture.given(created(DESIGN), issued()).when(amount("-5.00"), AS_TENANT)
                    .expectException(code("amount_not_positive")).expectNoEvents();
            fixture.given(created(DESIGN), issued()).when(lines(net("li_1", "-1.00")), AS_TENANT)
                    .expectException(code("amount_not_positive")).expectNoEvents();
        }

        @Test
        void refusesACreditThatRoundsToNothing() {
            LineItem cheap = new LineItem("li_c", "Ping", "service", new BigDecimal("100"), "item",
                    new BigDecimal("0.01"), null, null, null);
            fixture.given(created(cheap), issued()).when(lines(quantity("li_c", "0.4")), AS_TENANT)
                    .expectException(code("amount_not_positive")).expectNoEvents();
        }

        @Test
        void refusesMoreDecimalsThanTheCurrencyHas() {
            fixture.given(created(DESIGN), issued()).when(amount("1.005"), AS_TENANT)
                    .expectException(code("validation_failed")).expectNoEvents();
        }

        @Test
        void refusesLinesAndAnAmountTogetherAndNeither() {
            fixture.given(created(DESIGN), issued())
                    .when(new IssueCreditNote(ID, "cn_1", List.of(quantity("li_1", "1")), BigDecimal.TEN, "other",
                            null, null), AS_TENANT)
                    .expectException(code("validation_failed")).expectNoEvents();
            fixture.given(created(DESIGN), issued())
                    .when(new IssueCreditNote(ID, "cn_1", List.of(), null, "other", null, null), AS_TENANT)
                    .expectException(code("validation_failed")).expectNoEvents();
        }

        @Test
        void refusesABareAmountOverTheInvoiceTotal() {
            fixture.given(created(DESIGN), issued()).when(amount("1785.01"), AS_TENANT)
                    .expectException(code("credit_exceeds_invoice")).expectNoEvents();
        }

        @Test
        void refusesALineAmountOverWhatRemainsOnTheLine() {
            fixture.given(created(DESIGN), issued()).when(lines(net("li_1", "1500.01")), AS_TENANT)
                    .expectException(code("credit_exceeds_invoice")).expectNoEvents();
        }

        @Test
        void refusesASecondCreditBeyondWhatTheFirstLeft() {
            fixture.given(created(DESIGN), issued(), earlier("cn_0", null, "1000.00", "190.00", "0"))
                    .when(amount("595.01"), AS_TENANT)
                    .expectException(code("credit_exceeds_invoice")).expectNoEvents();
            fixture.given(created(DESIGN), issued(), earlier("cn_0", null, "1000.00", "190.00", "0"))
                    .when(lines(rest("li_1")), AS_TENANT)   // 500.00 + 95.00 = exactly what is left
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void takesNoNumberWhenRefused() {
            fixture.given(created(DESIGN), issued()).when(amount("9999.00"), AS_TENANT)
                    .expectException(code("credit_exceeds_invoice"));
            assertThat(creditNumbers.get()).isZero();
        }
    }

    @Nested
    class LateFees {
        /** Issued 30 days back with 14 days' terms: overdue at once, late fee month 1 on 2026-03-23, 2 on 04-23. */
        static final Instant TWO_MONTHS_ON = TODAY.minusDays(16).plusMonths(2).plusDays(1)
                .atStartOfDay(ZoneOffset.UTC).toInstant();

        @Test
        void areChargedOnTheBaseAfterCredits() {
            // 2 % of (1785.00 − 785.00 credited) = 20.00 a month
            fixture.given(created(DESIGN))
                    .andGivenCommands(List.of(asTenant(new IssueInvoice(ID, TODAY.minusDays(30), SELLER, null)),
                            asTenant(amount("785.00"))))
                    .whenThenTimeAdvancesTo(TWO_MONTHS_ON)
                    .expectEvents(new LateFeeAssessed(ID, 1, new BigDecimal("20.00")),
                            new LateFeeAssessed(ID, 2, new BigDecimal("20.00")));
        }

        @Test
        void stopWhenAnOverdueInvoiceIsCreditedToZero() {
            fixture.given(created(DESIGN))
                    .andGivenCommands(List.of(asTenant(new IssueInvoice(ID, TODAY.minusDays(30), SELLER, null)),
                            asTenant(lines(rest("li_1")))))
                    .whenThenTimeAdvancesTo(TWO_MONTHS_ON)
                    .expectTriggeredDeadlinesWithName(Invoice.LATE_FEE_DEADLINE)
                    .expectNoEvents();
        }
    }

    @Test
    void foldingShowsAmountCreditedTheRefundStatusAndTheAmountDue() {
        InvoiceState state = new InvoiceState();
        Instant at = Instant.parse("2026-03-10T09:00:00Z");
        state.apply(created(DESIGN), at);
        state.apply(issued(), at);
        state.apply(new PaymentApplied(ID, "pay_1", new BigDecimal("1785.00")), at);
        state.apply(new InvoicePaid(ID), at);
        state.apply(earlier("cn_1", null, "100.00", "19.00", "119.00"), at);
        assertThat(state.amountCredited().toPlainString()).isEqualTo("119.00");
        assertThat(state.amountDue().toPlainString()).isEqualTo("0.00");   // owed back, not negative
        assertThat(state.creditNotes().get("cn_1").refundStatus()).isEqualTo("pending");
        state.apply(new RefundApplied(ID, "ref_1", "pay_1", new BigDecimal("100.00"), "paid", "cn_1"), at);
        assertThat(state.creditNotes().get("cn_1").refundStatus()).isEqualTo("pending");
        state.apply(new RefundApplied(ID, "ref_2", "pay_1", new BigDecimal("19.00"), "paid", "cn_1"), at);
        assertThat(state.creditNotes().get("cn_1").refundStatus()).isEqualTo("succeeded");
        assertThat(state.amountPaid().toPlainString()).isEqualTo("1666.00");
        assertThat(state.amountDue().toPlainString()).isEqualTo("0.00");
        var data = state.toData(Map.of());
        assertThat(data.amountCredited()).isEqualTo("119.00");
        assertThat(data.status()).isEqualTo("paid");
        var note = state.creditNotes().get("cn_1").toData(state);
        assertThat(note.invoiceNumber()).isEqualTo("2026-007");
        assertThat(note.taxBreakdown()).singleElement().satisfies(t -> assertThat(t.taxCategory()).isEqualTo("S"));
        assertThat(note.refundedAmount()).isEqualTo("119.00");
    }
}
