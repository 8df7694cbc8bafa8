package io.billstream.invoice.invoicing.web;

import io.billstream.invoice.invoicing.domain.InvoiceErrors;
import io.billstream.platform.web.Problems;
import io.billstream.platform.errors.DomainException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.time.Duration;

/**
 * An unknown or deleted invoice id reaches a command as Axon's AggregateNotFoundException: that is a 404. A command
 * that kept losing append races to other instances (retried by config.ConcurrentAppendRetry first) is a 503 with
 * Retry-After: the request was fine, the invoice was busy.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvoiceErrorAdvice {

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        return Problems.response(InvoiceErrors.notFound());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> busy(ConcurrencyException e) {
        return Problems.response(DomainException.unavailable(
                "The invoice was changed by other requests at the same moment; retry shortly.", Duration.ofSeconds(1)));
    }
}
