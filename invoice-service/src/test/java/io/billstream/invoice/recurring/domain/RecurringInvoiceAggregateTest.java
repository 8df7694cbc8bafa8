package io.billstream.invoice.recurring.domain;

import io.billstream.invoice.invoicing.api.LineItem;
import io.billstream.invoice.recurring.api.CancelRecurringInvoice;
import io.billstream.invoice.recurring.api.CreateRecurringInvoice;
import io.billstream.invoice.recurring.api.PauseRecurringInvoice;
import io.billstream.invoice.recurring.api.RecurringChanges;
import io.billstream.invoice.recurring.api.RecurringInvoiceCancelled;
import io.billstream.invoice.recurring.api.RecurringInvoiceCompleted;
import io.billstream.invoice.recurring.api.RecurringInvoiceCreated;
import io.billstream.invoice.recurring.api.RecurringInvoicePaused;
import io.billstream.invoice.recurring.api.RecurringInvoiceRan;
import io.billstream.invoice.recurring.api.RecurringInvoiceResumed;
import io.billstream.invoice.recurring.api.RecurringInvoiceUpdated;
import io.billstream.invoice.recurring.api.RecurringSchedule;
import io.billstream.invoice.recurring.api.RecurringTemplate;
import io.billstream.invoice.recurring.api.ResumeRecurringInvoice;
import io.billstream.invoice.recurring.api.UpdateRecurringInvoice;
import io.billstream.platform.concurrency.ExpectedVersion;
import io.billstream.platform.events.data.PeriodData;
import io.billstream.testsupport.MovableClock;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import static io.billstream.invoice.DomainErrors.code;
import static org.assertj.core.api.Assertions.assertThat;

/** Given/when/then for every command, guard and timer path of the RecurringInvoice aggregate. */
class RecurringInvoiceAggregateTest {

    static final String ID = "rec_test";
    static final String TENANT = "ten_a";
    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    static final LineItem LINE = new LineItem("li_1", "Bug fixes & maintenance", "service", BigDecimal.ONE, "month",
            new BigDecimal("800.00"), null, null, null);
    static final RecurringTemplate TEMPLATE = new RecurringTemplate("USD", List.of(LINE), "issue", false, 14, null,
            null, null, BigDecimal.ZERO, Map.of());
    static final MetaData AS_TENANT = MetaData.with("tenantId", TENANT);
    static final MetaData AS_OTHER = MetaData.with("tenantId", "ten_b");

    AggregateTestFixture<RecurringInvoice> fixture;
    final List<RunOrder> orders = Collections.synchronizedList(new ArrayList<>());
    boolean customerGone;
    /** The handlers' clock (the fixture's own time drives only when timers fire). */
    final MovableClock clock = MovableClock.fixedAt(TODAY.atTime(9, 0).toInstant(ZoneOffset.UTC));

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(RecurringInvoice.class);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource((InvoiceRuns) order -> {
            if (customerGone) {
                return Optional.empty();
            }
            orders.add(order);
            return Optional.of(order.invoiceId());
        });
        fixture.givenCurrentTime(TODAY.atTime(9, 0).toInstant(ZoneOffset.UTC));
    }

    static RecurringSchedule monthly(LocalDate anchor) {
        return new RecurringSchedule("month", 1, anchor, null, null);
    }

    static CreateRecurringInvoice create(RecurringSchedule schedule) {
        return create(schedule, TEMPLATE);
    }

    static CreateRecurringInvoice create(RecurringSchedule schedule, RecurringTemplate template) {
        return new CreateRecurringInvoice(ID, "cus_1", template, schedule, "Acme Studio");
    }

    static RecurringInvoiceCreated created(RecurringSchedule schedule) {
        return new RecurringInvoiceCreated(ID, TENANT, "cus_1", TEMPLATE, schedule, "Acme Studio");
    }

    static RecurringInvoiceRan ran(int run, LocalDate date) {
        return new RecurringInvoiceRan(ID, run, date, RecurringIds.invoiceIdFor(ID, run));
    }

    static CommandMessage<?> asTenant(Object command) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(AS_TENANT);
    }

    static Instant startOf(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    @Nested
    class Create {
        @Test
        void createsAnActiveScheduleAndSetsTheFirstRunsTimer() {
            LocalDate anchor = TODAY.plusDays(5);
            fixture.givenNoPriorActivity()
                    .when(create(monthly(anchor)), AS_TENANT)
                    .expectEvents(created(monthly(anchor)))
                    .expectScheduledDeadline(startOf(anchor), new RunDue(ID, 1, anchor));
        }

        @Test
        void refusesAnIntervalCountOutOfRange() {
            for (int count : new int[]{0, 13}) {
                fixture.givenNoPriorActivity()
                        .when(create(new RecurringSchedule("month", count, TODAY, null, null)), AS_TENANT)
                        .expectException(code("validation_failed", "intervalCount"));
            }
        }

        @Test
        void refusesAnUnknownInterval() {
            fixture.givenNoPriorActivity()
                    .when(create(new RecurringSchedule("day", 1, TODAY, null, null)), AS_TENANT)
                    .expectException(code("validation_failed", "interval"));
        }

        @Test
        void refusesAnAnchorMoreThan90DaysBack() {
            fixture.givenNoPriorActivity()
                    .when(create(monthly(TODAY.minusDays(91))), AS_TENANT)
                    .expectException(code("validation_failed", "anchorDate"));
        }

        @Test
        void refusesBothEndAfterRunsAndEndDate() {
            fixture.givenNoPriorActivity()
                    .when(create(new RecurringSchedule("month", 1, TODAY, 3, TODAY.plusYears(1))), AS_TENANT)
                    .expectException(code("validation_failed", "endDate"));
        }

        @Test
        void refusesAnEndDateBeforeTheAnchor() {
            fixture.givenNoPriorActivity()
                    .when(create(new RecurringSchedule("month", 1, TODAY, null, TODAY.minusDays(1))), AS_TENANT)
                    .expectException(code("validation_failed", "endDate"));
        }

        @Test
        void refusesNoLinesAndMoreThan500() {
            LineItem[] many = IntStream.range(0, 501).mapToObj(i -> LINE).toArray(LineItem[]::new);
            for (List<LineItem> lines : List.of(List.<LineItem>of(), List.of(many))) {
                RecurringTemplate template = new RecurringTemplate("USD", lines, "issue", false, 14, null, null,
                        null, BigDecimal.ZERO, Map.of());
                fixture.givenNoPriorActivity()
                        .when(create(monthly(TODAY), template), AS_TENANT)
                        .expectException(code("validation_failed", "lineItems"));
            }
        }

        @Test
        void refusesPricesThatDoNotFitTheCurrency() {
            LineItem cents = new LineItem("li_1", "Support", "service", BigDecimal.ONE, null, new BigDecimal("800.50"),
                    null, null, null);
            RecurringTemplate yen = new RecurringTemplate("JPY", List.of(cents), "issue", false, 14, null, null, null,
                    BigDecimal.ZERO, Map.of());
            fixture.givenNoPriorActivity()
                    .when(create(monthly(TODAY), yen), AS_TENANT)
                    .expectException(code("validation_failed", "lineItems[0].unitPrice"));
        }

        @Test
        void refusesAnUnknownMode() {
            RecurringTemplate template = new RecurringTemplate("USD", List.of(LINE), "send", false, 14, null, null,
                    null, BigDecimal.ZERO, Map.of());
            fixture.givenNoPriorActivity()
                    .when(create(monthly(TODAY), template), AS_TENANT)
                    .expectException(code("validation_failed", "mode"));
        }
    }

    @Nested
    class Runs {
        @Test
        void anAnchorOfTodayRunsAtOnceWithTheBillingPeriodAndSetsTheNextTimer() {
            fixture.givenCommands(asTenant(create(monthly(TODAY))))
                    .whenThenTimeElapses(Duration.ofSeconds(1))
                    .expectTriggeredDeadlines(new RunDue(ID, 1, TODAY))
                    .expectEvents(ran(1, TODAY))
                    .expectScheduledDeadline(startOf(LocalDate.of(2026, 4, 10)),
                            new RunDue(ID, 2, LocalDate.of(2026, 4, 10)));
            assertThat(orders).singleElement().satisfies(order -> {
                assertThat(order.runNumber()).isEqualTo(1);
                assertThat(order.runDate()).isEqualTo(TODAY);
                assertThat(order.tenantId()).isEqualTo(TENANT);
                assertThat(order.invoiceId()).isEqualTo(RecurringIds.invoiceIdFor(ID, 1));
                assertThat(order.template().lineItems()).singleElement().satisfies(line -> {
                    assertThat(line.period()).isEqualTo(new PeriodData(TODAY, LocalDate.of(2026, 4, 9)));
                    assertThat(line.id()).isNotEqualTo(LINE.id());
                });
            });
        }

        @Test
        void aBackdatedAnchorCreatesTheDueRunsOldestFirstEachWithItsOwnDate() {
            LocalDate anchor = LocalDate.of(2026, 1, 10);
            fixture.givenCommands(asTenant(create(monthly(anchor))))
                    .whenThenTimeElapses(Duration.ofSeconds(1))
                    .expectEvents(ran(1, anchor), ran(2, LocalDate.of(2026, 2, 10)), ran(3, TODAY))
                    .expectScheduledDeadline(startOf(LocalDate.of(2026, 4, 10)),
                            new RunDue(ID, 4, LocalDate.of(2026, 4, 10)));
            assertThat(orders).extracting(RunOrder::runDate)
                    .containsExactly(anchor, LocalDate.of(2026, 2, 10), TODAY);
        }

        @Test
        void aTimerFiringTwiceCreatesOneInvoice() {
            // The run-1 timer is still there (as after a crash between the commit and db-scheduler's completion).
            fixture.givenCommands(asTenant(create(monthly(TODAY))))
                    .andGiven(ran(1, TODAY))
                    .whenThenTimeElapses(Duration.ofSeconds(1))
                    .expectTriggeredDeadlines(new RunDue(ID, 1, TODAY))
                    .expectNoEvents();
            assertThat(orders).isEmpty();
        }

        @Test
        void aTimerOfAPausedScheduleDoesNothing() {
            fixture.givenCommands(asTenant(create(monthly(TODAY))), asTenant(new PauseRecurringInvoice(ID)))
                    .whenThenTimeElapses(Duration.ofSeconds(1))
                    .expectTriggeredDeadlines(new RunDue(ID, 1, TODAY))
                    .expectNoEvents();
            assertThat(orders).isEmpty();
        }

        @Test
        void aTimerOfACancelledScheduleDoesNothing() {
            fixture.givenCommands(asTenant(create(monthly(TODAY))), asTenant(new CancelRecurringInvoice(ID)))
                    .whenThenTimeElapses(Duration.ofSeconds(1))
                    .expectNoEvents();
            assertThat(orders).isEmpty();
        }

        @Test
        void aTimerFiringBeforeItsDayIsSetAgainForTheDay() {
            // db-scheduler fires at midnight by its clock; this instance's clock is 30 s behind, still yesterday.
            fixture.givenCurrentTime(startOf(TODAY).plusSeconds(10));
            clock.moveTo(startOf(TODAY).minusSeconds(20));
            fixture.givenCommands(asTenant(create(monthly(TODAY))))
                    .whenThenTimeElapses(Duration.ofSeconds(1))
                    .expectTriggeredDeadlines(new RunDue(ID, 1, TODAY))
                    .expectNoEvents()
                    .expectScheduledDeadline(startOf(TODAY).plusSeconds(40), new RunDue(ID, 1, TODAY));
            assertThat(orders).isEmpty();
        }

        @Test
        void completesAfterEndAfterRuns() {
            LocalDate anchor = LocalDate.of(2026, 1, 10);
            fixture.givenCommands(asTenant(create(new RecurringSchedule("month", 1, anchor, 2, null))))
                    .whenThenTimeElapses(Duration.ofSeconds(1))
                    .expectEvents(ran(1, anchor), ran(2, LocalDate.of(2026, 2, 10)),
                            new RecurringInvoiceCompleted(ID))
                    .expectNoScheduledDeadlines();
        }

        @Test
        void completesWhenTheNextRunWouldBeAfterTheEndDate() {
            LocalDate anchor = LocalDate.of(2026, 1, 10);
            fixture.givenCommands(asTenant(create(new RecurringSchedule("month", 1, anchor, null,
                            LocalDate.of(2026, 2, 20)))))
                    .whenThenTimeElapses(Duration.ofSeconds(1))
                    .expectEvents(ran(1, anchor), ran(2, LocalDate.of(2026, 2, 10)),
                            new RecurringInvoiceCompleted(ID));
        }

        @Test
        void pausesWhenTheCustomerCanNoLongerBeBilled() {
            customerGone = true;
            fixture.givenCommands(asTenant(create(monthly(TODAY))))
                    .whenThenTimeElapses(Duration.ofSeconds(1))
                    .expectEvents(new RecurringInvoicePaused(ID, RecurringInvoicePaused.CUSTOMER_UNAVAILABLE))
                    .expectNoScheduledDeadlines();
        }
    }

    @Nested
    class Update {
        final RecurringChanges notes = new RecurringChanges(null, null, null, null, "Thanks!", null, null, null, null,
                null, null);

        @Test
        void changesFutureRunsTemplate() {
            RecurringTemplate after = new RecurringTemplate("USD", List.of(LINE), "issue", false, 14, "Thanks!", null,
                    null, BigDecimal.ZERO, Map.of());
            fixture.given(created(monthly(TODAY)))
                    .when(new UpdateRecurringInvoice(ID, notes, ExpectedVersion.of(1L)), AS_TENANT)
                    .expectEvents(new RecurringInvoiceUpdated(ID, after, null, null));
        }

        @Test
        void anUnchangedPatchIsANoOp() {
            fixture.given(created(monthly(TODAY)))
                    .when(new UpdateRecurringInvoice(ID, RecurringChanges.NONE, null), AS_TENANT)
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesAStaleVersion() {
            fixture.given(created(monthly(TODAY)), ran(1, TODAY))
                    .when(new UpdateRecurringInvoice(ID, notes, ExpectedVersion.of(1L)), AS_TENANT)
                    .expectException(code("version_mismatch"));
        }

        @Test
        void refusesAnotherTenant() {
            fixture.given(created(monthly(TODAY)))
                    .when(new UpdateRecurringInvoice(ID, notes, null), AS_OTHER)
                    .expectException(code("not_found"));
        }

        @Test
        void refusesACancelledOrCompletedSchedule() {
            fixture.given(created(monthly(TODAY)), new RecurringInvoiceCancelled(ID))
                    .when(new UpdateRecurringInvoice(ID, notes, null), AS_TENANT)
                    .expectException(code("schedule_not_active"));
            fixture.given(created(monthly(TODAY)), new RecurringInvoiceCompleted(ID))
                    .when(new UpdateRecurringInvoice(ID, notes, null), AS_TENANT)
                    .expectException(code("schedule_not_active"));
        }

        @Test
        void refusesAnEndBelowTheRunsMade() {
            RecurringChanges one = new RecurringChanges(null, null, null, null, null, null, null, null, null, 1, null);
            fixture.given(created(monthly(TODAY.minusDays(40))), ran(1, TODAY.minusDays(40)), ran(2, TODAY))
                    .when(new UpdateRecurringInvoice(ID, one, null), AS_TENANT)
                    .expectException(code("validation_failed", "endAfterRuns"));
        }

        @Test
        void anEndAlreadyReachedCompletesTheSchedule() {
            RecurringChanges two = new RecurringChanges(null, null, null, null, null, null, null, null, null, 2, null);
            fixture.given(created(monthly(TODAY.minusDays(40))), ran(1, TODAY.minusDays(40)), ran(2, TODAY))
                    .when(new UpdateRecurringInvoice(ID, two, null), AS_TENANT)
                    .expectEvents(new RecurringInvoiceUpdated(ID, TEMPLATE, 2, null), new RecurringInvoiceCompleted(ID));
        }

        @Test
        void refusesEmptyLines() {
            RecurringChanges none = new RecurringChanges(List.of(), null, null, null, null, null, null, null, null,
                    null, null);
            fixture.given(created(monthly(TODAY)))
                    .when(new UpdateRecurringInvoice(ID, none, null), AS_TENANT)
                    .expectException(code("validation_failed", "lineItems"));
        }
    }

    @Nested
    class PauseResumeCancel {
        @Test
        void pausesAnActiveSchedule() {
            fixture.given(created(monthly(TODAY)))
                    .when(new PauseRecurringInvoice(ID), AS_TENANT)
                    .expectEvents(new RecurringInvoicePaused(ID, null));
        }

        @Test
        void refusesToPauseWhatIsNotActive() {
            fixture.given(created(monthly(TODAY)), new RecurringInvoicePaused(ID, null))
                    .when(new PauseRecurringInvoice(ID), AS_TENANT)
                    .expectException(code("schedule_not_active"));
            fixture.given(created(monthly(TODAY)), new RecurringInvoiceCancelled(ID))
                    .when(new PauseRecurringInvoice(ID), AS_TENANT)
                    .expectException(code("schedule_not_active"));
        }

        @Test
        void resumingSkipsTheRunsMissedWhilePausedAndSetsTheNextTimer() {
            // Anchor 10 Jan: run 1 on 10 Jan, paused, resumed on 10 Mar: 10 Feb is skipped, 10 Mar is run 2.
            LocalDate anchor = LocalDate.of(2026, 1, 10);
            fixture.given(created(monthly(anchor)), ran(1, anchor), new RecurringInvoicePaused(ID, null))
                    .when(new ResumeRecurringInvoice(ID), AS_TENANT)
                    .expectEvents(new RecurringInvoiceResumed(ID, 2))
                    .expectScheduledDeadline(startOf(TODAY), new RunDue(ID, 2, TODAY));
        }

        @Test
        void resumingPastTheEndDateCompletes() {
            LocalDate anchor = LocalDate.of(2026, 1, 10);
            RecurringSchedule ending = new RecurringSchedule("month", 1, anchor, null, LocalDate.of(2026, 2, 15));
            fixture.given(new RecurringInvoiceCreated(ID, TENANT, "cus_1", TEMPLATE, ending, "Acme Studio"),
                            ran(1, anchor), new RecurringInvoicePaused(ID, null))
                    .when(new ResumeRecurringInvoice(ID), AS_TENANT)
                    .expectEvents(new RecurringInvoiceResumed(ID, 2), new RecurringInvoiceCompleted(ID))
                    .expectNoScheduledDeadlines();
        }

        @Test
        void refusesToResumeWhatIsNotPaused() {
            fixture.given(created(monthly(TODAY)))
                    .when(new ResumeRecurringInvoice(ID), AS_TENANT)
                    .expectException(code("schedule_not_paused"));
            fixture.given(created(monthly(TODAY)), new RecurringInvoiceCancelled(ID))
                    .when(new ResumeRecurringInvoice(ID), AS_TENANT)
                    .expectException(code("schedule_not_active"));
        }

        @Test
        void cancelsAnActiveOrPausedSchedule() {
            fixture.given(created(monthly(TODAY)))
                    .when(new CancelRecurringInvoice(ID), AS_TENANT)
                    .expectEvents(new RecurringInvoiceCancelled(ID));
            fixture.given(created(monthly(TODAY)), new RecurringInvoicePaused(ID, null))
                    .when(new CancelRecurringInvoice(ID), AS_TENANT)
                    .expectEvents(new RecurringInvoiceCancelled(ID));
        }

        @Test
        void refusesToCancelAFinalSchedule() {
            fixture.given(created(monthly(TODAY)), new RecurringInvoiceCompleted(ID))
                    .when(new CancelRecurringInvoice(ID), AS_TENANT)
                    .expectException(code("schedule_not_active"));
            fixture.given(created(monthly(TODAY)), new RecurringInvoiceCancelled(ID))
                    .when(new CancelRecurringInvoice(ID), AS_TENANT)
                    .expectException(code("schedule_not_active"));
        }

        @Test
        void refusesAnotherTenant() {
            fixture.given(created(monthly(TODAY)))
                    .when(new PauseRecurringInvoice(ID), AS_OTHER)
                    .expectException(code("not_found"));
        }
    }
}
