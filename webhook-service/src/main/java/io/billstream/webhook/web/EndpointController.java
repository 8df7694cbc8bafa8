package io.billstream.webhook.web;

import io.billstream.platform.security.Caller;
import io.billstream.platform.errors.DomainException;
import io.billstream.webhook.api.CreateEndpoint;
import io.billstream.webhook.api.EndpointView;
import io.billstream.webhook.api.MessageView;
import io.billstream.webhook.api.Page;
import io.billstream.webhook.api.RecoverMessages;
import io.billstream.webhook.api.RecoveryView;
import io.billstream.webhook.api.SecretView;
import io.billstream.webhook.api.UpdateEndpoint;
import io.billstream.webhook.domain.Endpoint;
import io.billstream.webhook.domain.Endpoints;
import io.billstream.webhook.domain.MessageStatus;
import io.billstream.webhook.persistence.Cursors;
import io.billstream.webhook.persistence.EndpointRepository;
import io.billstream.webhook.persistence.MessageRepository;
import io.billstream.webhook.persistence.Seeked;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
    private final EndpointRepository endpointRows;
    private final MessageRepository messages;

    public EndpointController(Endpoints endpoints, EndpointRepository endpointRows, MessageRepository messages) {
        this.endpoints = endpoints;
        this.endpointRows = endpointRows;
        this.messages = messages;
    }

    @PostMapping
    ResponseEntity<EndpointView> create(Caller caller, @Valid @RequestBody CreateEndpoint command) {
        Endpoint created = endpoints.create(caller.tenant(), command);
        return ResponseEntity.created(URI.create("/v1/webhook-endpoints/" + created.id()))
                .eTag(Etags.of(created.version()))
                .body(EndpointView.withSecret(created));
    }

    @GetMapping
    Page<EndpointView> list(Caller caller, @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
                            @RequestParam(required = false) String cursor) {
        return Seeked.page(endpointRows.list(caller.tenant(), Cursors.decode(cursor), limit + 1), limit,
                EndpointRepository.Row::seq, row -> EndpointView.of(row.endpoint()));
    }

    @GetMapping("/{id}")
    ResponseEntity<EndpointView> get(Caller caller, @PathVariable String id) {
        Endpoint endpoint = endpoints.get(caller.tenant(), id);
        return ResponseEntity.ok().eTag(Etags.of(endpoint.version())).body(EndpointView.of(endpoint));
    }

    @GetMapping("/{id}/secret")
    SecretView secret(Caller caller, @PathVariable String id) {
        return new SecretView(endpoints.get(caller.tenant(), id).secret());
    }

    @PatchMapping("/{id}")
    ResponseEntity<EndpointView> update(Caller caller, @PathVariable String id,
                                        @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                        @Valid @RequestBody UpdateEndpoint command) {
        Long expected = ifMatch == null ? null
                : Etags.expectedVersion(ifMatch, endpoints.get(caller.tenant(), id).version());
        Endpoint updated = endpoints.update(caller.tenant(), id, command, expected);
        return ResponseEntity.ok().eTag(Etags.of(updated.version())).body(EndpointView.of(updated));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(Caller caller, @PathVariable String id) {
        endpoints.delete(caller.tenant(), id);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/rotate-secret")
    ResponseEntity<EndpointView> rotateSecret(Caller caller, @PathVariable String id) {
        Endpoint rotated = endpoints.rotateSecret(caller.tenant(), id);
        return ResponseEntity.ok().eTag(Etags.of(rotated.version())).body(EndpointView.withSecret(rotated));
    }

    @PostMapping("/{id}/test")
    ResponseEntity<MessageView> test(Caller caller, @PathVariable String id) {
        String messageId = endpoints.sendTest(caller.tenant(), id);
        MessageView message = messages.find(caller.tenant(), messageId)
                .orElseThrow(() -> DomainException.notFound("Webhook message"));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(message);
    }

    @PostMapping("/{id}/recover")
    RecoveryView recover(Caller caller, @PathVariable String id, @Valid @RequestBody RecoverMessages command) {
        int requeued = endpoints.recover(caller.tenant(), id, command.since());
        return new RecoveryView(id, command.since(), requeued);
    }

    @GetMapping("/{id}/messages")
    Page<MessageView> messages(Caller caller, @PathVariable String id,
                               @RequestParam(required = false) String status,
                               @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
                               @RequestParam(required = false) String cursor) {
        MessageStatus filter = parseStatus(status);
        endpoints.get(caller.tenant(), id);
        return Seeked.page(messages.list(caller.tenant(), id, filter, Cursors.decode(cursor), limit + 1), limit,
                MessageRepository.Row::seq, MessageRepository.Row::message);
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
