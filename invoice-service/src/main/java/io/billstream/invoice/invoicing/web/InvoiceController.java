package io.billstream.invoice.invoicing.web;

import org.springframework.validation.annotation.Validated;
import jakarta.validation.groups.Default;
import jakarta.validation.Validator;
import jakarta.validation.Valid;
import io.billstream.platform.paging.PageLimit;
import io.billstream.platform.paging.Page;
import io.billstream.platform.paging.KeysetCursor;
import io.billstream.platform.web.ETags;
import io.billstream.invoice.invoicing.api.AddLineItem;
import io.billstream.invoice.invoicing.api.CreateInvoice;
import io.billstream.invoice.invoicing.api.CreateIssuedInvoice;
import io.billstream.invoice.invoicing.api.DeleteDraftInvoice;
import io.billstream.invoice.invoicing.api.DraftTerms;
import io.billstream.invoice.invoicing.api.InvoiceView;
import io.billstream.invoice.invoicing.api.IssueInvoice;
import io.billstream.invoice.invoicing.api.LineItem;
import io.billstream.invoice.invoicing.api.MarkInvoiceUncollectible;
import io.billstream.invoice.invoicing.api.RemoveLineItem;
import io.billstream.invoice.invoicing.api.UpdateInvoiceDraft;
import io.billstream.invoice.invoicing.api.UpdateLineItem;
import io.billstream.invoice.invoicing.api.VoidInvoice;
import io.billstream.invoice.settings.domain.BillingSettings;
import io.billstream.invoice.settings.domain.BillingSettingsSource;
import io.billstream.invoice.customers.domain.CustomerDirectory;
import io.billstream.invoice.customers.domain.CustomerService;
import io.billstream.invoice.invoicing.domain.InvoiceStatus;
import io.billstream.invoice.invoicing.persistence.InvoiceListQuery;
import io.billstream.invoice.invoicing.persistence.InvoiceViews;
import io.billstream.platform.events.data.PartyData;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.money.CurrencyCodes;
import io.billstream.platform.security.Caller;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;

/** API contract §5 invoices. The tenant comes only from the verified {@link Caller}. */
@RestController
class InvoiceController {


    private final InvoiceCommands commands;
    private final InvoiceViews views;
    private final CustomerDirectory customers;
    private final BillingSettingsSource settings;
    private final CustomerService customerRecords;
    private final Validator validator;

    InvoiceController(InvoiceCommands commands, InvoiceViews views, CustomerDirectory customers,
                      BillingSettingsSource settings, CustomerService customerRecords, Validator validator) {
        this.validator = validator;
        this.commands = commands;
        this.views = views;
        this.customers = customers;
        this.settings = settings;
        this.customerRecords = customerRecords;
    }

    @PostMapping("/v1/invoices")
    ResponseEntity<InvoiceView> create(Caller caller, @RequestBody CreateInvoiceRequest body) {
        BillingSettings defaults = settings.settingsFor(caller);
        String currencyCode = body.currency() != null ? body.currency() : defaults.defaultCurrency();
        Currency currency = CurrencyCodes.isValid(currencyCode) ? CurrencyCodes.parse(currencyCode) : null;
        InvoiceInput.throwIfAny(InvoiceInput.violations(validator, body, currency));
        PartyData billTo = billable(caller, body.customerId());
        List<LineItem> lines = body.lineItems() == null ? List.of()
                : body.lineItems().stream().map(InvoiceInput::toLine).toList();
        DraftTerms draft = new DraftTerms(body.customerId(), currencyCode,
                body.notes() != null ? body.notes() : defaults.defaultNotes(),
                body.terms() != null ? body.terms() : defaults.defaultTerms(),
                body.dueDate() == null ? (body.dueInDays() != null ? body.dueInDays() : defaults.paymentTermsDays())
                        : null,
                body.dueDate(),
                body.lateFeePercentPerMonth() != null ? body.lateFeePercentPerMonth()
                        : defaults.lateFeePercentPerMonth(),
                body.reference(), body.metadata(), blankToNull(body.buyerReference()));
        String id = Ids.newId("inv");
        CreateInvoice create = new CreateInvoice(id, draft, billTo, lines);
        Object command = body.issueNow() ? new CreateIssuedInvoice(create, issueNow(id, defaults)) : create;
        ResponseEntity<InvoiceView> created = InvoiceCommands.respond(HttpStatus.CREATED,
                commands.sendForOutcome(caller, command));
        return ResponseEntity.status(HttpStatus.CREATED).headers(created.getHeaders())
                .header(HttpHeaders.LOCATION, "/v1/invoices/" + id).body(created.getBody());
    }

    @GetMapping("/v1/invoices/{id}")
    ResponseEntity<InvoiceView> get(Caller caller, @PathVariable String id,
                                        @RequestParam(required = false) String asOf) {
        if (asOf == null) {
            return InvoiceCommands.respond(HttpStatus.OK, commands.current(caller, id));
        }
        return InvoiceCommands.respond(HttpStatus.OK, commands.asOf(caller, id, instant(asOf)));
    }

    @GetMapping("/v1/invoices")
    Page<InvoiceView> list(Caller caller, @RequestParam(required = false) String status,
                     @RequestParam(required = false) String customerId,
                     @RequestParam(required = false) String number,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate issuedFrom,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate issuedTo,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueBefore,
                     @RequestParam(defaultValue = "20") int limit,
                     @RequestParam(required = false) String cursor,
                     @RequestParam(required = false) String recurringInvoiceId) {
        if (status != null && Arrays.stream(InvoiceStatus.values()).noneMatch(s -> s.wire().equals(status))) {
            throw DomainException.validation("status", "must be one of draft, open, overdue, paid, void, uncollectible");
        }
        return views.list(new InvoiceListQuery(caller.tenant(), status, customerId, number, issuedFrom, issuedTo,
                dueBefore, PageLimit.check(limit), KeysetCursor.decode(cursor), recurringInvoiceId));
    }

    @GetMapping("/v1/customers/{customerId}/invoices")
    Page<InvoiceView> customerInvoices(Caller caller, @PathVariable String customerId,
                                 @RequestParam(defaultValue = "20") int limit,
                                 @RequestParam(required = false) String cursor) {
        customerRecords.get(caller, customerId);   // 404 for an unknown or another tenant's customer (archived ones list)
        return views.list(new InvoiceListQuery(caller.tenant(), null, customerId, null, null, null, null,
                PageLimit.check(limit), KeysetCursor.decode(cursor)));
    }

    @PatchMapping("/v1/invoices/{id}")
    ResponseEntity<InvoiceView> update(Caller caller, @PathVariable String id,
                                           @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                           @Valid @RequestBody UpdateInvoiceRequest body) {
        PartyData billTo = body.customerId() == null ? null : billable(caller, body.customerId());
        DraftTerms changes = new DraftTerms(body.customerId(), body.currency(), body.notes(), body.terms(),
                body.dueInDays(), body.dueDate(), body.lateFeePercentPerMonth(), body.reference(), body.metadata(),
                body.buyerReference());
        return commands.sendAndRespond(caller,
                new UpdateInvoiceDraft(id, changes, billTo, ETags.ifMatch(ifMatch)));
    }

    @DeleteMapping("/v1/invoices/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        commands.send(caller, new DeleteDraftInvoice(id));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/v1/invoices/{id}/line-items")
    ResponseEntity<InvoiceView> addLine(Caller caller, @PathVariable String id,
                                            @Validated({Default.class, InvoiceConstraints.Complete.class})
                                            @RequestBody LineItemRequest body) {
        LineItem line = InvoiceInput.toLine(body);
        ResponseEntity<InvoiceView> response = InvoiceCommands.respond(HttpStatus.CREATED,
                commands.sendForOutcome(caller, new AddLineItem(id, line)));
        return ResponseEntity.status(HttpStatus.CREATED).headers(response.getHeaders())
                .header(HttpHeaders.LOCATION, "/v1/invoices/" + id + "/line-items/" + line.id())
                .body(response.getBody());
    }

    @PatchMapping("/v1/invoices/{id}/line-items/{lineItemId}")
    ResponseEntity<InvoiceView> updateLine(Caller caller, @PathVariable String id,
                                               @PathVariable String lineItemId,
                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                               String ifMatch,
                                               @Valid @RequestBody LineItemRequest body) {
        return commands.sendAndRespond(caller, new UpdateLineItem(id, lineItemId, InvoiceInput.toPatch(body),
                ETags.ifMatch(ifMatch)));
    }

    @DeleteMapping("/v1/invoices/{id}/line-items/{lineItemId}")
    ResponseEntity<Void> removeLine(Caller caller, @PathVariable String id, @PathVariable String lineItemId) {
        commands.send(caller, new RemoveLineItem(id, lineItemId));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/v1/invoices/{id}/issue")
    ResponseEntity<InvoiceView> issue(Caller caller, @PathVariable String id,
                                          @RequestBody(required = false) IssueInvoiceRequest body) {
        BillingSettings current = settings.settingsFor(caller);
        return commands.sendAndRespond(caller, new IssueInvoice(id, body == null ? null : body.issueDate(),
                current.seller(), current.numberFormat(), current.email()));
    }

    /** Issued today with the settings of the moment, as {@code POST …/issue} without a body. */
    private static IssueInvoice issueNow(String id, BillingSettings current) {
        return new IssueInvoice(id, null, current.seller(), current.numberFormat(), current.email());
    }

    @PostMapping("/v1/invoices/{id}/void")
    ResponseEntity<InvoiceView> voidInvoice(Caller caller, @PathVariable String id,
                                                @Valid @RequestBody(required = false) VoidInvoiceRequest body) {
        String reason = body == null ? null : body.reason();
        return commands.sendAndRespond(caller, new VoidInvoice(id, reason));
    }

    @PostMapping("/v1/invoices/{id}/mark-uncollectible")
    ResponseEntity<InvoiceView> markUncollectible(Caller caller, @PathVariable String id) {
        return commands.sendAndRespond(caller, new MarkInvoiceUncollectible(id));
    }

    private PartyData billable(Caller caller, String customerId) {
        return customers.findBillable(caller.tenantId(), customerId)
                .orElseThrow(() -> DomainException.validation("customerId", "is not an active customer"));
    }

    private static Instant instant(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw DomainException.of(ErrorCode.MALFORMED_REQUEST, "asOf must be an RFC 3339 instant.");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
