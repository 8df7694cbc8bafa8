package io.billstream.webhook.domain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.billstream.platform.events.EventIds;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.ids.Ids;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;
import io.billstream.platform.errors.FieldViolation;
import io.billstream.platform.paging.Page;
import io.billstream.platform.paging.PageLimit;
import io.billstream.platform.paging.SequenceCursor;
import io.billstream.webhook.api.CreateEndpoint;
import io.billstream.webhook.api.UpdateEndpoint;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The endpoint use cases (docs/webhook-service.md); every read and write is scoped to the caller's tenant. A bean of
 * {@code config}, which hands it the secret rotation overlap from the service's settings.
 */
public class Endpoints {

    private final EndpointStore endpoints;
    private final MessageStore messages;
    private final UrlGuard guard;
    private final Duration secretRotationOverlap;
    private final RetryPolicy retryPolicy;
    private final EndpointCircuits isolation;
    private final DeliveryTrigger signal;
    private final ObjectMapper mapper;
    private final Clock clock;

    public Endpoints(EndpointStore endpoints, MessageStore messages, UrlGuard guard,
                     Duration secretRotationOverlap, RetryPolicy retryPolicy, EndpointCircuits isolation,
                     DeliveryTrigger signal, ObjectMapper mapper, Clock clock) {
        this.endpoints = endpoints;
        this.messages = messages;
        this.guard = guard;
        this.secretRotationOverlap = secretRotationOverlap;
        this.retryPolicy = retryPolicy;
        this.isolation = isolation;
        this.signal = signal;
        this.mapper = mapper;
        this.clock = clock;
    }

    @Transactional
    public Endpoint create(String tenantId, CreateEndpoint command) {
        List<String> events = checkEvents(command.events());
        checkUrl(command.url());
        Instant now = now();
        Endpoint endpoint = new Endpoint(Ids.newId("whe"), tenantId, command.url(), events, EndpointStatus.ENABLED,
                emptyToNull(command.description()), WebhookSecrets.generate(), null, null, 1, now, now);
        endpoints.insert(endpoint);
        return endpoint;
    }

    public Endpoint get(String tenantId, String id) {
        return endpoints.find(tenantId, id).orElseThrow(() -> DomainException.notFound("Webhook endpoint"));
    }

    /** Newest first. */
    public Page<Endpoint> list(String tenantId, int limit, String cursor) {
        PageLimit.check(limit);
        return Page.of(endpoints.list(tenantId, SequenceCursor.decode(cursor), Page.fetchSize(limit)), limit,
                EndpointStore.Row::endpoint, row -> SequenceCursor.encode(row.seq()));
    }

    /** The endpoint's messages, newest first; {@code status} optional. */
    public Page<Message> messages(String tenantId, String id, MessageStatus status, int limit, String cursor) {
        PageLimit.check(limit);
        get(tenantId, id);
        return Page.of(messages.list(tenantId, id, status, SequenceCursor.decode(cursor), Page.fetchSize(limit)),
                limit, MessageStore.Row::message, row -> SequenceCursor.encode(row.seq()));
    }

    @Transactional
    public Endpoint update(String tenantId, String id, UpdateEndpoint command) {
        Endpoint current = locked(tenantId, id);
        if (!command.expected().matches(current.version())) {
            throw DomainException.versionMismatch(current.version());
        }
        String url = current.url();
        if (command.url() != null) {
            checkUrl(command.url());
            url = command.url();
        }
        List<String> events = command.events() == null ? current.events() : checkEvents(command.events());
        EndpointStatus status = command.status() == null ? current.status() : EndpointStatus.fromWire(command.status());
        String description = command.description() == null ? current.description()
                : emptyToNull(command.description());
        Endpoint updated = new Endpoint(current.id(), tenantId, url, events, status, description, current.secret(),
                current.previousSecret(), current.previousSecretExpiresAt(), current.version() + 1,
                current.createdAt(), now());
        endpoints.update(updated);
        if (status == EndpointStatus.ENABLED && current.status() == EndpointStatus.DISABLED) {
            // its pending messages become claimable again
            signal.afterCommit();
        }
        return updated;
    }

    @Transactional
    public void delete(String tenantId, String id) {
        if (!endpoints.delete(tenantId, id)) {
            throw DomainException.notFound("Webhook endpoint");
        }
        isolation.forget(id);
    }

    @Transactional
    public Endpoint rotateSecret(String tenantId, String id) {
        Endpoint current = locked(tenantId, id);
        Instant now = now();
        Endpoint rotated = new Endpoint(current.id(), tenantId, current.url(), current.events(), current.status(),
                current.description(), WebhookSecrets.generate(), current.secret(),
                now.plus(secretRotationOverlap), current.version() + 1, current.createdAt(), now);
        endpoints.update(rotated);
        return rotated;
    }

    /** Queues a {@code webhook.test} message for the endpoint, whatever its event filter. */
    @Transactional
    public String sendTest(String tenantId, String id) {
        Endpoint endpoint = get(tenantId, id);
        ObjectNode data = mapper.createObjectNode();
        data.put("endpointId", endpoint.id());
        data.put("message", "This is a test event from Billstream.");
        String messageId = Ids.newId("msg");
        messages.insertIfAbsent(messageId, tenantId, endpoint.id(), EventIds.newEventId(), EventTypes.WEBHOOK_TEST,
                Payloads.body(mapper, EventTypes.WEBHOOK_TEST, now(), data));
        signal.messagesInserted();
        return messageId;
    }

    @Transactional
    public int recover(String tenantId, String id, Instant since) {
        get(tenantId, id);
        int requeued = messages.recover(tenantId, id, since, retryPolicy.exhaustedStep());
        signal.afterCommit();
        return requeued;
    }

    private Endpoint locked(String tenantId, String id) {
        return endpoints.findForUpdate(tenantId, id).orElseThrow(() -> DomainException.notFound("Webhook endpoint"));
    }

    private void checkUrl(String url) {
        try {
            guard.check(url);
        } catch (UrlGuard.MalformedUrlException e) {
            throw DomainException.validation("url", e.getMessage());
        } catch (UrlGuard.RefusedUrlException e) {
            throw new DomainException(ErrorCode.URL_NOT_ALLOWED,
                    "The webhook URL is not allowed: it " + e.getMessage() + ".",
                    List.of(new FieldViolation("url", e.getMessage())), null);
        }
    }

    private static List<String> checkEvents(List<String> requested) {
        if (requested.equals(List.of(Endpoint.ALL_EVENTS))) {
            return requested;
        }
        List<FieldViolation> errors = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            String type = requested.get(i);
            if (Endpoint.ALL_EVENTS.equals(type)) {
                errors.add(new FieldViolation("events[" + i + "]", "\"*\" must be the only entry"));
            } else if (!EventTypes.CATALOG.contains(type)) {
                errors.add(new FieldViolation("events[" + i + "]", "is not an event type of the catalog"));
            }
        }
        if (!errors.isEmpty()) {
            throw DomainException.validation(errors);
        }
        return List.copyOf(new LinkedHashSet<>(requested));
    }

    private static String emptyToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
