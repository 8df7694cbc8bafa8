package io.billstream.invoice.customers.web;

import io.billstream.platform.paging.PageLimit;
import io.billstream.platform.paging.Page;
import io.billstream.platform.paging.KeysetCursor;
import io.billstream.platform.web.ETags;
import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.invoice.customers.domain.Customer;
import io.billstream.invoice.customers.domain.CustomerService;
import io.billstream.platform.security.Caller;
import io.swagger.v3.oas.annotations.Parameter;
import io.billstream.platform.errors.DomainException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

/** API contract §4 customers. The tenant comes only from the verified {@link Caller}. */
@RestController
@RequestMapping("/v1/customers")
class CustomerController {

    private final CustomerService customers;
    private final CustomerPatch patches;

    CustomerController(CustomerService customers, CustomerPatch patches) {
        this.customers = customers;
        this.patches = patches;
    }

    @PostMapping
    ResponseEntity<CustomerView> create(@Parameter(hidden = true) Caller caller,
                                            @Valid @RequestBody CustomerRequest body) {
        Customer customer = customers.create(caller, body.toDetails());
        return ResponseEntity.created(URI.create("/v1/customers/" + customer.id()))
                .eTag(ETags.of(customer.version()))
                .body(CustomerView.of(customer));
    }

    @GetMapping
    Page<CustomerView> list(@Parameter(hidden = true) Caller caller,
                      @RequestParam(required = false) String email,
                      @RequestParam(defaultValue = "false") boolean includeArchived,
                      @RequestParam(defaultValue = "20") int limit,
                      @RequestParam(required = false) String cursor,
                      @Parameter(description = "Comma-separated customer ids (at most 100): exactly those customers "
                              + "of the tenant, archived ones included, newest first; unknown ids are left out. "
                              + "Not combinable with email, includeArchived or cursor.")
                      @RequestParam(required = false) String ids) {
        if (ids != null) {
            if (email != null || includeArchived || cursor != null) {
                throw DomainException.validation("ids", "cannot be combined with email, includeArchived or cursor");
            }
            java.util.Set<String> wanted = io.billstream.platform.web.BatchIds.parse(ids, PageLimit.MAX);
            return new Page<>(customers.byIds(caller, wanted).stream().map(CustomerView::of).toList(),
                    null);
        }
        PageLimit.check(limit);
        KeysetCursor after = KeysetCursor.decode(cursor);
        String emailFilter = email == null || email.isBlank() ? null : email.trim();
        List<Customer> rows = customers.page(caller, emailFilter, includeArchived, after, Page.fetchSize(limit));
        return Page.of(rows, limit, CustomerView::of, c -> new KeysetCursor(c.createdAt(), c.id()).encode());
    }

    @GetMapping("/{id}")
    ResponseEntity<CustomerView> get(@Parameter(hidden = true) Caller caller, @PathVariable String id) {
        return withEtag(customers.get(caller, id));
    }

    /** The body is a JSON merge patch over {@link CustomerRequest}; it is read as a tree so absent and null differ. */
    @PatchMapping("/{id}")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(description = "JSON merge patch (RFC 7396) of the customer",
            content = @Content(schema = @Schema(implementation = CustomerRequest.class)))
    ResponseEntity<CustomerView> patch(@Parameter(hidden = true) Caller caller, @PathVariable String id,
                                           @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                           @RequestBody JsonNode body, HttpServletRequest request) {
        ServletServerHttpRequest message = new ServletServerHttpRequest(request);
        Customer updated = customers.update(caller, id, ETags.ifMatch(ifMatch),
                current -> patches.apply(current, body, message));
        return withEtag(updated);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> archive(@Parameter(hidden = true) Caller caller, @PathVariable String id,
                                 @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        customers.archive(caller, id, ETags.ifMatch(ifMatch));
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<CustomerView> withEtag(Customer customer) {
        return ResponseEntity.ok().eTag(ETags.of(customer.version())).body(CustomerView.of(customer));
    }
}
