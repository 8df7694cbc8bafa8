package io.billstream.invoice.web;

import io.billstream.invoice.domain.InvoiceErrors;
import io.billstream.platform.web.Problems;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** An unknown or deleted invoice id reaches a command as Axon's AggregateNotFoundException: that is a 404. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class InvoiceErrorAdvice {

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        return Problems.response(InvoiceErrors.notFound());
    }
}
