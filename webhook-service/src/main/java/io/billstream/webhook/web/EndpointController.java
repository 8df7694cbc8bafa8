package io.billstream.webhook.web;

import io.billstream.platform.security.Caller;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.paging.Page;
import io.billstream.platform.web.ETags;
import io.billstream.webhook.domain.Endpoint;
import io.billstream.webhook.domain.Endpoints;
import io.billstream.webhook.domain.MessageStatus;
import io.billstream.webhook.domain.Messages;
import jakarta.validation.Valid;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
@RequestMapping("/v1/webhook-endpoints")
public class EndpointController {

    private final Endpoints endpoints;
    private final Messages messages;

    public EndpointController(Endpoints endpoints, Messages messages) {
        this.endpoints = endpoints;
        this.messages = messages;
    }

    @PostMapping
    ResponseEntity<EndpointView> create(Caller caller, @Valid @RequestBody CreateEndpointRequest request) {
        Endpoint created = endpoints.create(caller.tenant(), request.toCommand());
        return ResponseEntity.created(URI.create("/v1/webhook-endpoints/" + created.id()))
                .eTag(ETags.of(created.version()))
                .body(EndpointView.withSecret(created));
    }

    @GetMapping
    Page<EndpointView> list(Caller caller, @RequestParam(defaultValue = "20") int limit,
                            @RequestParam(required = false) String cursor) {
        return endpoints.list(caller.tenant(), limit, cursor).map(EndpointView::of);
    }

    @GetMapping("/{id}")
    ResponseEntity<EndpointView> get(Caller caller, @PathVariable String id) {
        Endpoint endpoint = endpoints.get(caller.tenant(), id);
        return ResponseEntity.ok().eTag(ETags.of(endpoint.version())).body(EndpointView.of(endpoint));
    }

    @GetMapping("/{id}/secret")
    SecretView secret(Caller caller, @PathVariable String id) {
        return new SecretView(endpoints.get(caller.tenant(), id).secret());
    }

    @PatchMapping("/{id}")
    ResponseEntity<EndpointView> update(Caller caller, @PathVariable String id,
                                        @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                        @Valid @RequestBody UpdateEndpointRequest request) {
        Endpoint updated = endpoints.update(caller.tenant(), id, request.toCommand(ETags.ifMatch(ifMatch)));
        return ResponseEntity.ok().eTag(ETags.of(updated.version())).body(EndpointView.of(updated));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        endpoints.delete(caller.tenant(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/rotate-secret")
    ResponseEntity<EndpointView> rotateSecret(Caller caller, @PathVariable String id) {
        Endpoint rotated = endpoints.rotateSecret(caller.tenant(), id);
        return ResponseEntity.ok().eTag(ETags.of(rotated.version())).body(EndpointView.withSecret(rotated));
    }

    @PostMapping("/{id}/test")
    ResponseEntity<MessageView> test(Caller caller, @PathVariable String id) {
        String messageId = endpoints.sendTest(caller.tenant(), id);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(MessageView.of(messages.get(caller.tenant(), messageId)));
    }

    @PostMapping("/{id}/recover")
    RecoveryView recover(Caller caller, @PathVariable String id, @Valid @RequestBody RecoverMessagesRequest request) {
        int requeued = endpoints.recover(caller.tenant(), id, request.since());
        return new RecoveryView(id, request.since(), requeued);
    }

    @GetMapping("/{id}/messages")
    Page<MessageView> messages(Caller caller, @PathVariable String id,
                               @RequestParam(required = false) String status,
                               @RequestParam(defaultValue = "20") int limit,
                               @RequestParam(required = false) String cursor) {
        MessageStatus filter = parseStatus(status);
        return endpoints.messages(caller.tenant(), id, filter, limit, cursor).map(MessageView::of);
    }

    private static MessageStatus parseStatus(String status) {
        if (status == null) {
            return null;
        }
        try {
            return MessageStatus.fromWire(status);
        } catch (IllegalArgumentException e) {
            throw DomainException.validation("status", e.getMessage());
        }
    }
}
