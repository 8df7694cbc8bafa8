package io.billstream.payment.web;

import io.billstream.platform.errors.DomainException;

import io.billstream.payment.domain.Payment;
import io.billstream.payment.domain.PaymentService;
import io.billstream.payment.domain.Refund;
import io.billstream.platform.paging.Page;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.SeenVersion;
import org.springframework.web.bind.annotation.RequestAttribute;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** {@code /v1/payments} (docs/payment-service.md). The tenant comes only from the verified {@link Caller}. */
@RestController
@RequestMapping("/v1/payments")
public class PaymentController {

    private final PaymentService service;

    public PaymentController(PaymentService service) {
        this.service = service;
    }

    @PostMapping
    public ResponseEntity<PaymentView> record(Caller caller, @Valid @RequestBody RecordPaymentRequest request,
                                              @RequestAttribute(name = SeenVersion.ATTRIBUTE, required = false)
                                              SeenVersion seen) {
        Payment payment = service.record(caller, request.toCommand(), seen);
        return ResponseEntity.created(URI.create("/v1/payments/" + payment.id())).body(PaymentView.of(payment));
    }

    @GetMapping("/{id}")
    public PaymentView get(Caller caller, @PathVariable String id) {
        return PaymentView.of(service.find(caller, id));
    }

    @GetMapping
    public Page<PaymentView> list(Caller caller, @RequestParam(required = false) String invoiceId,
                            @RequestParam(defaultValue = "20") int limit,
                            @RequestParam(required = false) String cursor,
                            @io.swagger.v3.oas.annotations.Parameter(description = "Comma-separated invoice ids (at "
                                    + "most 100): every payment on those invoices of the tenant, newest first, in "
                                    + "one unpaged answer (nextCursor null). Not combinable with invoiceId or cursor.")
                            @RequestParam(required = false) String invoiceIds) {
        if (invoiceIds != null) {
            if (invoiceId != null || cursor != null) {
                throw io.billstream.platform.errors.DomainException.validation("invoiceIds",
                        "cannot be combined with invoiceId or cursor");
            }
            return service.byInvoices(caller, io.billstream.platform.web.BatchIds.parse("invoiceIds", invoiceIds, 100))
                    .map(PaymentView::of);
        }
        return service.list(caller, invoiceId, limit, cursor).map(PaymentView::of);
    }

    @PostMapping("/{id}/refunds")
    public ResponseEntity<RefundView> refund(Caller caller, @PathVariable String id,
                                             @Valid @RequestBody RefundPaymentRequest request) {
        Refund refund = service.refund(caller, id, request.toCommand());
        return ResponseEntity.created(URI.create("/v1/payments/" + id + "/refunds/" + refund.id()))
                .body(RefundView.of(refund));
    }

    @GetMapping("/{id}/refunds")
    public Map<String, List<RefundView>> refunds(Caller caller, @PathVariable String id) {
        return Map.of("data", service.refunds(caller, id).stream().map(RefundView::of).toList());
    }

    @GetMapping("/{id}/refunds/{refundId}")
    public RefundView getRefund(Caller caller, @PathVariable String id, @PathVariable String refundId) {
        return RefundView.of(service.findRefund(caller, id, refundId));
    }
}
