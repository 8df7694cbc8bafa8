package io.billstream.invoice.invoicing.domain;

import io.billstream.invoice.customers.domain.CustomerDirectory;
import io.billstream.invoice.invoicing.api.AddLineItem;
import io.billstream.invoice.invoicing.api.ApplyPayment;
import io.billstream.invoice.invoicing.api.ApplyRefund;
import io.billstream.invoice.invoicing.api.CreateInvoice;
import io.billstream.invoice.invoicing.api.CreateIssuedInvoice;
import io.billstream.invoice.invoicing.api.DeleteDraftInvoice;
import io.billstream.invoice.invoicing.api.DraftInvoiceDeleted;
import io.billstream.invoice.invoicing.api.DraftTerms;
import io.billstream.invoice.invoicing.api.InvoiceBecameOverdue;
import io.billstream.invoice.invoicing.api.InvoiceCreated;
import io.billstream.invoice.invoicing.api.InvoiceDraftUpdated;
import io.billstream.invoice.invoicing.api.InvoiceIssued;
import io.billstream.invoice.invoicing.api.InvoiceMarkedUncollectible;
import io.billstream.invoice.invoicing.api.InvoicePaid;
import io.billstream.invoice.invoicing.api.InvoiceVoided;
import io.billstream.invoice.invoicing.api.IssueInvoice;
import io.billstream.invoice.invoicing.api.LateFeeAssessed;
import io.billstream.invoice.invoicing.api.LineItem;
import io.billstream.invoice.invoicing.api.LineItemAdded;
import io.billstream.invoice.invoicing.api.LineItemPatch;
import io.billstream.invoice.invoicing.api.LineItemRemoved;
import io.billstream.invoice.invoicing.api.LineItemUpdated;
import io.billstream.invoice.invoicing.api.MarkInvoiceUncollectible;
import io.billstream.invoice.invoicing.api.PaymentApplied;
import io.billstream.invoice.invoicing.api.RefundApplied;
import io.billstream.invoice.invoicing.api.RemoveLineItem;
import io.billstream.invoice.invoicing.api.UpdateInvoiceDraft;
import io.billstream.invoice.invoicing.api.UpdateLineItem;
import io.billstream.invoice.invoicing.api.VoidInvoice;
import io.billstream.platform.concurrency.ExpectedVersion;
import io.billstream.platform.events.data.PartyData;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static io.billstream.invoice.DomainErrors.code;

/** Given/when/then for every command and deadline of the Invoice aggregate: happy path, each guard, the no-ops. */
class InvoiceAggregateTest {

    static final String ID = "inv_test";
    static final String TENANT = "ten_a";
    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    static final PartyData CUSTOMER = new PartyData("Globex", "ap@globex.test", null, null, null);
    static final PartyData SELLER = new PartyData("Acme Studio", "billing@acme.test", null, null, null);
    static final LineItem LINE = new LineItem("li_1", "Design", "service", new BigDecimal("10"), "hour",
            new BigDecimal("150.00"), new BigDecimal("19"), null, null);
    static final DraftTerms DRAFT = new DraftTerms("cus_1", "USD", null, null, 14, null, new BigDecimal("2"), null,
            Map.of());
    static final MetaData AS_TENANT = MetaData.with("tenantId", TENANT);
    static final MetaData AS_OTHER = MetaData.with("tenantId", "ten_b");

    AggregateTestFixture<Invoice> fixture;
    AtomicLong numbers;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Invoice.class);
        numbers = new AtomicLong();
        fixture.registerInjectableResource(Clock.fixed(TODAY.atTime(9, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
        fixture.registerInjectableResource((CustomerDirectory) (tenant, id) ->
                id.equals("cus_1") ? Optional.of(CUSTOMER) : Optional.empty());
        fixture.registerInjectableResource((InvoiceNumberAllocator) (tenant, year) -> numbers.incrementAndGet());
    }

    static InvoiceCreated created() {
        return new InvoiceCreated(ID, TENANT, DRAFT, CUSTOMER, List.of(LINE));
    }

    static InvoiceIssued issued() {
        return new InvoiceIssued(ID, "2026-001", TODAY, TODAY.plusDays(14), CUSTOMER, SELLER, "open");
    }

    static IssueInvoice issue(LocalDate date) {
        return new IssueInvoice(ID, date, SELLER, "{yyyy}-{seq:3}");
    }

    static CommandMessage<?> asTenant(Object command) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(AS_TENANT);
    }

    @Nested
    class Create {
        @Test
        void createsADraft() {
            fixture.givenNoPriorActivity()
                    .when(new CreateInvoice(ID, DRAFT, CUSTOMER, List.of(LINE)), AS_TENANT)
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(created());
        }

        @Test
        void refusesMoreThan500Lines() {
            List<LineItem> lines = new ArrayList<>();
            for (int i = 0; i < 501; i++) {
                lines.add(new LineItem("li_" + i, "x", "service", BigDecimal.ONE, null, BigDecimal.ONE, null, null,
                        null));
            }
            fixture.givenNoPriorActivity()
                    .when(new CreateInvoice(ID, DRAFT, CUSTOMER, lines), AS_TENANT)
                    .expectException(code("validation_failed")).expectNoEvents();
        }

        @Test
        void refusesPricesFinerThanTheCurrency() {
            LineItem fine = new LineItem("li_1", "x", "service", BigDecimal.ONE, null, new BigDecimal("1.5"), null,
                    null, null);
            DraftTerms yen = new DraftTerms("cus_1", "JPY", null, null, 14, null, BigDecimal.ZERO, null, Map.of());
            fixture.givenNoPriorActivity()
                    .when(new CreateInvoice(ID, yen, CUSTOMER, List.of(fine)), AS_TENANT)
                    .expectException(code("validation_failed")).expectNoEvents();
        }
    }

    @Nested
    class CreateIssued {
        @Test
        void createsAndIssuesInOneUnitOfWorkAndAnswersWithTheIssuedInvoice() {
            fixture.givenNoPriorActivity()
                    .when(new CreateIssuedInvoice(new CreateInvoice(ID, DRAFT, CUSTOMER, List.of(LINE)), issue(null)),
                            AS_TENANT)
                    .expectEvents(created(), issued())
                    .expectScheduledDeadlineWithName(TODAY.plusDays(15).atStartOfDay(ZoneOffset.UTC).toInstant(),
                            Invoice.OVERDUE_DEADLINE)
                    .expectResultMessagePayloadMatching(outcome(2, "open", "2026-001", "1785.00"));
        }

        @Test
        void issuesToTheCustomerTheRequestReadWithoutAskingTheDirectoryAgain() {
            // the directory knows only cus_1: asked about cus_9 it refuses, as in Issue.refusesWhenTheCustomerIsGone
            DraftTerms unlisted = new DraftTerms("cus_9", "USD", null, null, 14, null, new BigDecimal("2"), null,
                    Map.of());
            fixture.givenNoPriorActivity()
                    .when(new CreateIssuedInvoice(new CreateInvoice(ID, unlisted, CUSTOMER, List.of(LINE)),
                            issue(null)), AS_TENANT)
                    .expectEvents(new InvoiceCreated(ID, TENANT, unlisted, CUSTOMER, List.of(LINE)), issued());
        }

        @Test
        void aRefusedIssueStoresNotEvenTheDraft() {
            fixture.givenNoPriorActivity()
                    .when(new CreateIssuedInvoice(new CreateInvoice(ID, DRAFT, CUSTOMER, List.of()), issue(null)),
                            AS_TENANT)
                    .expectException(code("invoice_has_no_lines")).expectNoEvents();
        }

        @Test
        void aRefusedCreationIsRefusedAsWithoutIssue() {
            LineItem fine = new LineItem("li_1", "x", "service", BigDecimal.ONE, null, new BigDecimal("1.5"), null,
                    null, null);
            DraftTerms yen = new DraftTerms("cus_1", "JPY", null, null, 14, null, BigDecimal.ZERO, null, Map.of());
            fixture.givenNoPriorActivity()
                    .when(new CreateIssuedInvoice(new CreateInvoice(ID, yen, CUSTOMER, List.of(fine)), issue(null)),
                            AS_TENANT)
                    .expectException(code("validation_failed")).expectNoEvents();
        }

        @Test
        void bothHalvesMustNameTheSameInvoice() {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new CreateIssuedInvoice(
                            new CreateInvoice("inv_other", DRAFT, CUSTOMER, List.of(LINE)), issue(null)))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Outcomes {
        @Test
        void creationAnswersWithTheDraftAsCreated() {
            fixture.givenNoPriorActivity()
                    .when(new CreateInvoice(ID, DRAFT, CUSTOMER, List.of(LINE)), AS_TENANT)
                    .expectResultMessagePayloadMatching(outcome(1, "draft", null, "1785.00"));
        }

        @Test
        void issueAnswersWithTheIssuedInvoice() {
            fixture.given(created()).when(issue(null), AS_TENANT)
                    .expectResultMessagePayloadMatching(outcome(2, "open", "2026-001", "1785.00"));
        }

        @Test
        void anEmptyPatchAnswersWithTheInvoiceUnchanged() {
            fixture.given(created())
                    .when(new UpdateInvoiceDraft(ID, DraftTerms.NONE, null, ExpectedVersion.of(1L)), AS_TENANT)
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(outcome(1, "draft", null, "1785.00"));
        }
    }

    /** The handler's result: the invoice as the command left it, version included. */
    static org.hamcrest.Matcher<InvoiceOutcome> outcome(long version, String status, String number, String total) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(InvoiceOutcome o) {
                return o.version() == version && o.invoice().version() == version
                        && status.equals(o.invoice().status()) && java.util.Objects.equals(number, o.invoice().number())
                        && total.equals(o.invoice().total()) && ID.equals(o.invoice().id());
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("outcome v" + version + " " + status + " " + number + " total " + total);
            }
        };
    }

    @Nested
    class EditDraft {
        final DraftTerms notes = new DraftTerms(null, null, "Net 14", null, null, null, null, null, null);

        @Test
        void updatesTheDraft() {
            fixture.given(created())
                    .when(new UpdateInvoiceDraft(ID, notes, null, ExpectedVersion.of(1L)), AS_TENANT)
                    .expectEvents(new InvoiceDraftUpdated(ID, notes, null));
        }

        @Test
        void anEmptyPatchChangesNothing() {
            fixture.given(created())
                    .when(new UpdateInvoiceDraft(ID, DraftTerms.NONE, null, ExpectedVersion.of(1L)), AS_TENANT)
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void refusesAStaleVersion() {
            fixture.given(created(), new LineItemRemoved(ID, "li_1"))
                    .when(new UpdateInvoiceDraft(ID, notes, null, ExpectedVersion.of(1L)), AS_TENANT)
                    .expectException(code("version_mismatch")).expectNoEvents();
        }

        @Test
        void refusesOnceIssued() {
            fixture.given(created(), issued())
                    .when(new UpdateInvoiceDraft(ID, notes, null, null), AS_TENANT)
                    .expectException(code("invoice_not_draft"));
        }

        @Test
        void hidesOtherTenantsInvoices() {
            fixture.given(created())
                    .when(new UpdateInvoiceDraft(ID, notes, null, null), AS_OTHER)
                    .expectException(code("not_found"));
        }

        @Test
        void refusesACurrencyTheLinePricesDoNotFit() {
            LineItem cents = new LineItem("li_2", "x", "service", BigDecimal.ONE, null, new BigDecimal("0.99"), null,
                    null, null);
            DraftTerms yen = new DraftTerms(null, "JPY", null, null, null, null, null, null, null);
            fixture.given(created(), new LineItemAdded(ID, cents))
                    .when(new UpdateInvoiceDraft(ID, yen, null, null), AS_TENANT)
                    .expectException(code("validation_failed"));
        }

        @Test
        void addsALine() {
            LineItem second = new LineItem("li_2", "Hosting", "expense", BigDecimal.ONE, null, new BigDecimal("20"),
                    null, null, null);
            fixture.given(created())
                    .when(new AddLineItem(ID, second), AS_TENANT)
                    .expectEvents(new LineItemAdded(ID, second));
        }

        @Test
        void refusesThe501stLine() {
            List<Object> given = new ArrayList<>(List.of(new InvoiceCreated(ID, TENANT, DRAFT, CUSTOMER, List.of())));
            for (int i = 0; i < 500; i++) {
                given.add(new LineItemAdded(ID, new LineItem("li_" + i, "x", "service", BigDecimal.ONE, null,
                        BigDecimal.ONE, null, null, null)));
            }
            fixture.given(given).when(new AddLineItem(ID, LINE), AS_TENANT)
                    .expectException(code("validation_failed"));
        }

        @Test
        void refusesALineOnAnIssuedInvoice() {
            fixture.given(created(), issued()).when(new AddLineItem(ID, LINE), AS_TENANT)
                    .expectException(code("invoice_not_draft"));
        }

        @Test
        void updatesALineByMergingThePatch() {
            LineItemPatch patch = new LineItemPatch(null, null, new BigDecimal("12.5"), null, null, null, null, null);
            LineItem merged = new LineItem("li_1", "Design", "service", new BigDecimal("12.5"), "hour",
                    new BigDecimal("150.00"), new BigDecimal("19"), null, null);
            fixture.given(created()).when(new UpdateLineItem(ID, "li_1", patch, null), AS_TENANT)
                    .expectEvents(new LineItemUpdated(ID, merged));
        }

        @Test
        void refusesToUpdateAnUnknownLine() {
            LineItemPatch patch = new LineItemPatch("x", null, null, null, null, null, null, null);
            fixture.given(created()).when(new UpdateLineItem(ID, "li_9", patch, null), AS_TENANT)
                    .expectException(code("not_found"));
        }

        @Test
        void refusesToUpdateALineOnAnIssuedInvoice() {
            LineItemPatch patch = new LineItemPatch("x", null, null, null, null, null, null, null);
            fixture.given(created(), issued()).when(new UpdateLineItem(ID, "li_1", patch, null), AS_TENANT)
                    .expectException(code("invoice_not_draft"));
        }

        @Test
        void removesALine() {
            fixture.given(created()).when(new RemoveLineItem(ID, "li_1"), AS_TENANT)
                    .expectEvents(new LineItemRemoved(ID, "li_1"));
        }

        @Test
        void refusesToRemoveAnUnknownLine() {
            fixture.given(created()).when(new RemoveLineItem(ID, "li_9"), AS_TENANT)
                    .expectException(code("not_found"));
        }

        @Test
        void refusesToRemoveALineOfAnIssuedInvoice() {
            fixture.given(created(), issued()).when(new RemoveLineItem(ID, "li_1"), AS_TENANT)
                    .expectException(code("invoice_not_draft"));
        }

        @Test
        void deletesADraft() {
            fixture.given(created()).when(new DeleteDraftInvoice(ID), AS_TENANT)
                    .expectEvents(new DraftInvoiceDeleted(ID)).expectMarkedDeleted();
        }

        @Test
        void refusesToDeleteAnIssuedInvoice() {
            fixture.given(created(), issued()).when(new DeleteDraftInvoice(ID), AS_TENANT)
                    .expectException(code("invoice_not_draft"));
        }
    }

    @Nested
    class Issue {
        @Test
        void issuesWithTheNextNumberAndAnOverdueDeadline() {
            fixture.given(created()).when(issue(null), AS_TENANT)
                    .expectEvents(issued())
                    .expectScheduledDeadlineWithName(TODAY.plusDays(15).atStartOfDay(ZoneOffset.UTC).toInstant(),
                            Invoice.OVERDUE_DEADLINE);
        }

        @Test
        void aZeroTotalIsPaidAtIssue() {
            LineItem free = new LineItem("li_1", "Goodwill", "service", BigDecimal.ONE, null, BigDecimal.ZERO, null,
                    null, null);
            fixture.given(new InvoiceCreated(ID, TENANT, DRAFT, CUSTOMER, List.of(free))).when(issue(null), AS_TENANT)
                    .expectEvents(issued(), new InvoicePaid(ID))
                    .expectNoScheduledDeadlines();
        }

        @Test
        void isOverdueAtOnceWhenTheDueDateHasPassed() {
            fixture.given(created()).when(issue(TODAY.minusDays(30)), AS_TENANT)
                    .expectEvents(new InvoiceIssued(ID, "2026-001", TODAY.minusDays(30), TODAY.minusDays(16),
                            CUSTOMER, SELLER, "open"), new InvoiceBecameOverdue(ID));
        }

        @Test
        void refusesWithoutLines() {
            fixture.given(new InvoiceCreated(ID, TENANT, DRAFT, CUSTOMER, List.of())).when(issue(null), AS_TENANT)
                    .expectException(code("invoice_has_no_lines")).expectNoEvents();
        }

        @Test
        void refusesTwice() {
            fixture.given(created(), issued()).when(issue(null), AS_TENANT)
                    .expectException(code("invoice_not_draft"));
        }

        @Test
        void refusesAnIssueDateMoreThan90DaysBackOrInTheFuture() {
            fixture.given(created()).when(issue(TODAY.minusDays(91)), AS_TENANT)
                    .expectException(code("validation_failed"));
            fixture.given(created()).when(issue(TODAY.plusDays(1)), AS_TENANT)
                    .expectException(code("validation_failed"));
        }

        @Test
        void refusesWhenTheCustomerIsGone() {
            DraftTerms gone = new DraftTerms("cus_gone", "USD", null, null, 14, null, BigDecimal.ZERO, null, Map.of());
            fixture.given(new InvoiceCreated(ID, TENANT, gone, CUSTOMER, List.of(LINE))).when(issue(null), AS_TENANT)
                    .expectException(code("validation_failed"));
        }
    }

    @Nested
    class CloseOut {
        @Test
        void voidsAnUnpaidInvoice() {
            fixture.given(created(), issued()).when(new VoidInvoice(ID, "duplicate"), AS_TENANT)
                    .expectEvents(new InvoiceVoided(ID, "duplicate"));
        }

        @Test
        void refusesToVoidAfterPayments() {
            fixture.given(created(), issued(), new PaymentApplied(ID, "pay_1", new BigDecimal("10.00")))
                    .when(new VoidInvoice(ID, "x"), AS_TENANT)
                    .expectException(code("invoice_has_payments"));
        }

        @Test
        void refusesToVoidADraft() {
            fixture.given(created()).when(new VoidInvoice(ID, "x"), AS_TENANT)
                    .expectException(code("invoice_not_payable"));
        }

        @Test
        void marksUncollectible() {
            fixture.given(created(), issued()).when(new MarkInvoiceUncollectible(ID), AS_TENANT)
                    .expectEvents(new InvoiceMarkedUncollectible(ID));
        }

        @Test
        void refusesToMarkADraftUncollectible() {
            fixture.given(created()).when(new MarkInvoiceUncollectible(ID), AS_TENANT)
                    .expectException(code("invoice_not_payable"));
        }
    }

    @Nested
    class Payments {
        @Test
        void appliesAPartialPayment() {
            fixture.given(created(), issued())
                    .when(new ApplyPayment(ID, "pay_1", new BigDecimal("785.00"), "USD"), AS_TENANT)
                    .expectEvents(new PaymentApplied(ID, "pay_1", new BigDecimal("785.00")));
        }

        @Test
        void aFullPaymentPaysTheInvoice() {
            fixture.given(created(), issued())
                    .when(new ApplyPayment(ID, "pay_1", new BigDecimal("1785"), "USD"), AS_TENANT)
                    .expectEvents(new PaymentApplied(ID, "pay_1", new BigDecimal("1785.00")), new InvoicePaid(ID));
        }

        @Test
        void theSamePaymentTwiceChangesNothing() {
            fixture.given(created(), issued(), new PaymentApplied(ID, "pay_1", new BigDecimal("100.00")))
                    .when(new ApplyPayment(ID, "pay_1", new BigDecimal("100.00"), "USD"), AS_TENANT)
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void refusesMoreThanIsDue() {
            fixture.given(created(), issued())
                    .when(new ApplyPayment(ID, "pay_1", new BigDecimal("1785.01"), "USD"), AS_TENANT)
                    .expectException(code("amount_exceeds_due"));
        }

        @Test
        void refusesAnotherCurrency() {
            fixture.given(created(), issued())
                    .when(new ApplyPayment(ID, "pay_1", new BigDecimal("10"), "EUR"), AS_TENANT)
                    .expectException(code("currency_mismatch"));
        }

        @Test
        void refusesPaymentsOnADraft() {
            fixture.given(created())
                    .when(new ApplyPayment(ID, "pay_1", new BigDecimal("10"), "USD"), AS_TENANT)
                    .expectException(code("invoice_not_payable"));
        }

        @Test
        void aRefundReopensAPaidInvoice() {
            fixture.given(created(), issued(), new PaymentApplied(ID, "pay_1", new BigDecimal("1785.00")),
                            new InvoicePaid(ID))
                    .when(new ApplyRefund(ID, "ref_1", "pay_1", new BigDecimal("85.00"), "USD"), AS_TENANT)
                    .expectEvents(new RefundApplied(ID, "ref_1", "pay_1", new BigDecimal("85.00"), "open"));
        }

        @Test
        void aRefundThatReopensAnInvoicePastItsDueDateMakesItOverdueThroughTheEvent() {
            fixture.given(created(), new InvoiceIssued(ID, "2026-001", TODAY.minusDays(30), TODAY.minusDays(16),
                                    CUSTOMER, SELLER, "open"),
                            new PaymentApplied(ID, "pay_1", new BigDecimal("1785.00")), new InvoicePaid(ID))
                    .when(new ApplyRefund(ID, "ref_1", "pay_1", new BigDecimal("85.00"), "USD"), AS_TENANT)
                    .expectEvents(new RefundApplied(ID, "ref_1", "pay_1", new BigDecimal("85.00"), "open"),
                            new InvoiceBecameOverdue(ID));
        }

        @Test
        void theSameRefundTwiceChangesNothing() {
            fixture.given(created(), issued(), new PaymentApplied(ID, "pay_1", new BigDecimal("100.00")),
                            new RefundApplied(ID, "ref_1", "pay_1", new BigDecimal("10.00"), "open"))
                    .when(new ApplyRefund(ID, "ref_1", "pay_1", new BigDecimal("10.00"), "USD"), AS_TENANT)
                    .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void refusesARefundAboveWhatWasPaid() {
            fixture.given(created(), issued(), new PaymentApplied(ID, "pay_1", new BigDecimal("100.00")))
                    .when(new ApplyRefund(ID, "ref_1", "pay_1", new BigDecimal("100.01"), "USD"), AS_TENANT)
                    .expectException(code("refund_exceeds_payment"));
        }
    }

    @Nested
    class Deadlines {
        @Test
        void becomesOverdueTheDayAfterTheDueDate() {
            fixture.given(created()).andGivenCommands(List.of(asTenant(issue(null))))
                    .whenThenTimeAdvancesTo(TODAY.plusDays(15).atStartOfDay(ZoneOffset.UTC).toInstant())
                    .expectTriggeredDeadlinesWithName(Invoice.OVERDUE_DEADLINE)
                    .expectEvents(new InvoiceBecameOverdue(ID));
        }

        @Test
        void aPaidInvoiceNeverBecomesOverdue() {
            fixture.given(created()).andGivenCommands(List.of(asTenant(issue(null)),
                            asTenant(new ApplyPayment(ID, "pay_1", new BigDecimal("1785.00"), "USD"))))
                    .whenThenTimeAdvancesTo(TODAY.plusDays(15).atStartOfDay(ZoneOffset.UTC).toInstant())
                    .expectTriggeredDeadlinesWithName(Invoice.OVERDUE_DEADLINE)
                    .expectNoEvents();
        }

        @Test
        void chargesOneLateFeePerFullMonthOnTheUnpaidBase() {
            // 2 % of (1785.00 − 785.00) = 20.00, not compounding
            Instant twoMonthsOn = TODAY.plusDays(14).plusMonths(2).plusDays(1).atStartOfDay(ZoneOffset.UTC)
                    .toInstant();
            fixture.given(created()).andGivenCommands(List.of(asTenant(issue(null)),
                            asTenant(new ApplyPayment(ID, "pay_1", new BigDecimal("785.00"), "USD"))))
                    .whenThenTimeAdvancesTo(twoMonthsOn)
                    .expectEvents(new InvoiceBecameOverdue(ID), new LateFeeAssessed(ID, 1, new BigDecimal("20.00")),
                            new LateFeeAssessed(ID, 2, new BigDecimal("20.00")));
        }

        @Test
        void aLateFeeMonthFiringTwiceChargesOnce() {
            fixture.given(created(), issued(), new InvoiceBecameOverdue(ID),
                            new LateFeeAssessed(ID, 1, new BigDecimal("35.70")))
                    .whenTimeElapses(Duration.ofDays(1))
                    .expectNoEvents();
        }
    }

    @Test
    void expectedStatusAndTotalsAfterFolding() {
        InvoiceState state = new InvoiceState();
        Instant at = Instant.parse("2026-03-10T09:00:00Z");
        state.apply(created(), at);
        state.apply(issued(), at);
        state.apply(new PaymentApplied(ID, "pay_1", new BigDecimal("1785.00")), at);
        state.apply(new InvoicePaid(ID), at);
        org.assertj.core.api.Assertions.assertThat(state.toData(Map.of()).status()).isEqualTo("paid");
        org.assertj.core.api.Assertions.assertThat(state.amountDue().toPlainString()).isEqualTo("0.00");
        org.assertj.core.api.Assertions.assertThat(state.version()).isEqualTo(4);
    }
}
