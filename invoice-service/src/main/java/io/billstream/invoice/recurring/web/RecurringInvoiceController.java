package io.billstream.invoice.recurring.web;

import jakarta.validation.Validator;
import io.billstream.platform.paging.PageLimit;
import io.billstream.platform.paging.Page;
import io.billstream.platform.paging.KeysetCursor;
import io.billstream.platform.web.ETags;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.invoice.invoicing.web.HistoryEntry;
import io.billstream.invoice.invoicing.web.InvoiceHistory;
import io.billstream.invoice.settings.domain.BillingSettings;
import io.billstream.invoice.settings.domain.BillingSettingsSource;
import io.billstream.invoice.customers.domain.CustomerDirectory;
import io.billstream.invoice.invoicing.domain.InvoiceMetaData;
import io.billstream.invoice.recurring.api.CancelRecurringInvoice;
import io.billstream.invoice.recurring.api.CreateRecurringInvoice;
import io.billstream.invoice.recurring.api.PauseRecurringInvoice;
import io.billstream.invoice.recurring.api.RecurringChanges;
import io.billstream.invoice.recurring.api.RecurringInvoiceView;
import io.billstream.invoice.recurring.api.RecurringSchedule;
import io.billstream.invoice.recurring.api.RecurringTemplate;
import io.billstream.invoice.recurring.api.ResumeRecurringInvoice;
import io.billstream.invoice.recurring.api.UpdateRecurringInvoice;
import io.billstream.invoice.recurring.domain.RecurringErrors;
import io.billstream.invoice.recurring.domain.RecurringState;
import io.billstream.invoice.recurring.domain.RecurringStatus;
import io.billstream.invoice.recurring.persistence.RecurringInvoiceLog;
import io.billstream.invoice.recurring.persistence.RecurringInvoiceViews;
import io.billstream.invoice.invoicing.web.InvoiceInput;
import io.billstream.platform.events.data.PartyData;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.money.CurrencyCodes;
import io.billstream.platform.security.Caller;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.FieldViolation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Optional;

/** API contract §11 recurring invoices. The tenant comes only from the verified {@link Caller}. */
@RestController
@Tag(name = "Recurring invoices")
class RecurringInvoiceController {

    private static final String PATH = "/v1/recurring-invoices";

    private final CommandGateway gateway;
    private final RecurringInvoiceLog log;
    private final RecurringInvoiceViews views;
    private final CustomerDirectory customers;
    private final BillingSettingsSource settings;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Validator validator;

    RecurringInvoiceController(CommandGateway gateway, RecurringInvoiceLog log, RecurringInvoiceViews views,
                               CustomerDirectory customers, BillingSettingsSource settings, ObjectMapper mapper,
                               Clock clock, Validator validator) {
        this.validator = validator;
        this.gateway = gateway;
        this.log = log;
        this.views = views;
        this.customers = customers;
        this.settings = settings;
        this.mapper = mapper;
        this.clock = clock;
    }

    @PostMapping(PATH)
    ResponseEntity<RecurringInvoiceView> create(Caller caller, @RequestBody CreateRecurringInvoiceRequest body) {
        BillingSettings defaults = settings.settingsFor(caller);
        String currencyCode = body.currency() != null ? body.currency() : defaults.defaultCurrency();
        Currency currency = CurrencyCodes.isValid(currencyCode) ? CurrencyCodes.parse(currencyCode) : null;
        List<FieldViolation> errors = new ArrayList<>(RecurringInvoiceInput.create(validator, body, currency, today()));
        Optional<PartyData> billTo = body.customerId() == null || body.customerId().isBlank() ? Optional.empty()
                : customers.findBillable(caller.tenantId(), body.customerId());
        if (body.customerId() != null && !body.customerId().isBlank() && billTo.isEmpty()) {
            errors.add(new FieldViolation("customerId", "is not an active customer"));
        }
        if (!errors.isEmpty()) {
            throw DomainException.validation(errors);
        }
        RecurringTemplate template = new RecurringTemplate(currencyCode,
                body.lineItems().stream().map(InvoiceInput::toLine).toList(),
                body.mode() != null ? body.mode() : RecurringTemplate.MODE_ISSUE,
                Boolean.TRUE.equals(body.sendOnIssue()),
                body.dueInDays() != null ? body.dueInDays() : defaults.paymentTermsDays(),
                body.notes() != null ? body.notes() : defaults.defaultNotes(),
                body.terms() != null ? body.terms() : defaults.defaultTerms(),
                body.reference(),
                body.lateFeePercentPerMonth() != null ? body.lateFeePercentPerMonth()
                        : defaults.lateFeePercentPerMonth(),
                body.metadata());
        RecurringSchedule schedule = new RecurringSchedule(body.interval(),
                body.intervalCount() != null ? body.intervalCount() : 1, body.anchorDate(), body.endAfterRuns(),
                body.endDate());
        String id = Ids.newId("rec");
        send(caller, new CreateRecurringInvoice(id, body.customerId(), template, schedule,
                caller.organizationName()));
        RecurringState state = current(caller, id);
        return ResponseEntity.status(HttpStatus.CREATED).header(HttpHeaders.ETAG, ETags.of(state.version()))
                .header(HttpHeaders.LOCATION, PATH + "/" + id).body(state.toResponse());
    }

    @GetMapping(PATH)
    Page<RecurringInvoiceView> list(Caller caller, @RequestParam(required = false) String customerId,
                              @RequestParam(required = false) String status,
                              @RequestParam(defaultValue = "20") int limit,
                              @RequestParam(required = false) String cursor) {
        if (status != null && !RecurringStatus.isWire(status)) {
            throw DomainException.validation("status", "must be one of active, paused, completed, cancelled");
        }
        PageLimit.check(limit);
        KeysetCursor after = KeysetCursor.decode(cursor);
        return views.list(caller.tenant(), customerId, status, limit, after);
    }

    @GetMapping(PATH + "/{id}")
    ResponseEntity<RecurringInvoiceView> get(Caller caller, @PathVariable String id) {
        return respond(current(caller, id));
    }

    @PatchMapping(PATH + "/{id}")
    ResponseEntity<RecurringInvoiceView> update(Caller caller, @PathVariable String id,
                                                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                                    String ifMatch,
                                                    @RequestBody UpdateRecurringInvoiceRequest body) {
        RecurringState before = current(caller, id);
        RecurringInvoiceInput.update(validator, body, CurrencyCodes.parse(before.template().currency()));
        RecurringChanges changes = new RecurringChanges(
                body.lineItems() == null ? null : body.lineItems().stream().map(InvoiceInput::toLine).toList(),
                body.mode(), body.sendOnIssue(), body.dueInDays(), body.notes(), body.terms(), body.reference(),
                body.lateFeePercentPerMonth(), body.metadata(), body.endAfterRuns(), body.endDate());
        send(caller, new UpdateRecurringInvoice(id, changes, ETags.ifMatch(ifMatch)));
        return respond(current(caller, id));
    }

    @PostMapping(PATH + "/{id}/pause")
    ResponseEntity<RecurringInvoiceView> pause(Caller caller, @PathVariable String id) {
        current(caller, id);
        send(caller, new PauseRecurringInvoice(id));
        return respond(current(caller, id));
    }

    @PostMapping(PATH + "/{id}/resume")
    ResponseEntity<RecurringInvoiceView> resume(Caller caller, @PathVariable String id) {
        current(caller, id);
        send(caller, new ResumeRecurringInvoice(id));
        return respond(current(caller, id));
    }

    @PostMapping(PATH + "/{id}/cancel")
    ResponseEntity<RecurringInvoiceView> cancel(Caller caller, @PathVariable String id) {
        current(caller, id);
        send(caller, new CancelRecurringInvoice(id));
        return respond(current(caller, id));
    }

    @GetMapping(PATH + "/{id}/history")
    InvoiceHistory history(Caller caller, @PathVariable String id) {
        current(caller, id);
        return new InvoiceHistory(log.events(id).stream().map(this::entry).toList());
    }

    private HistoryEntry entry(DomainEventMessage<?> event) {
        return new HistoryEntry(event.getSequenceNumber() + 1, event.getPayloadType().getSimpleName(),
                event.getTimestamp(), InvoiceMetaData.actorOf(event.getMetaData()),
                mapper.valueToTree(event.getPayload()));
    }

    private void send(Caller caller, Object command) {
        gateway.sendAndWait(command, InvoiceMetaData.of(caller.tenant(), caller.actor()));
    }

    /** 404 for an unknown id, another resource's id, or another tenant's schedule. */
    private RecurringState current(Caller caller, String id) {
        if (!Ids.hasPrefix(id, "rec")) {
            throw RecurringErrors.notFound();
        }
        RecurringState state = log.current(id).orElse(null);
        if (state == null || !caller.tenant().equals(state.tenantId())) {
            throw RecurringErrors.notFound();
        }
        return state;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    private static ResponseEntity<RecurringInvoiceView> respond(RecurringState state) {
        return ResponseEntity.ok().header(HttpHeaders.ETAG, ETags.of(state.version())).body(state.toResponse());
    }

}
