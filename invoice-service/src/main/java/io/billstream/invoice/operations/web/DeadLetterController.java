package io.billstream.invoice.operations.web;

import io.billstream.invoice.config.InvoiceDeadLetterConfiguration;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.deadletter.jpa.JpaDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operator access to the dead-letter queues (see {@link InvoiceDeadLetterConfiguration}). On the service's own port,
 * outside {@code /v1} so the gateway never routes it, and only for an internal token whose actor is
 * {@code system} (the gateway mints none such; {@code ./billstream dead-letters} does, from the shared secret).
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden // an operator's tool, not part of the API
class DeadLetterController {

    private final EventProcessingConfiguration processing;
    private final InternalTokenService tokens;
    private final TransactionManager transactions;

    DeadLetterController(EventProcessingConfiguration processing, InternalTokenService tokens,
                         TransactionManager transactions) {
        this.processing = processing;
        this.tokens = tokens;
        this.transactions = transactions;
    }

    record Letter(String eventId, String eventType, long aggregateSequence, Instant enqueuedAt, Instant lastTouched,
                  String cause) {
    }

    record Sequence(String processingGroup, String sequence, List<Letter> letters) {
    }

    @GetMapping("/internal/dead-letters")
    Map<String, Object> list(@RequestHeader(name = InternalTokenService.HEADER, required = false) String token) {
        operator(token);
        List<Sequence> sequences = new ArrayList<>();
        for (String group : processing.eventProcessors().keySet()) {
            SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
            transactions.executeInTransaction(() -> {
                for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                    List<Letter> letters = new ArrayList<>();
                    String id = null;
                    for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                        id = sequenceOf(letter);
                        letters.add(describe(letter));
                    }
                    if (id != null) {
                        sequences.add(new Sequence(group, id, letters));
                    }
                }
            });
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", sequences);
        return body;
    }

    /** Retries one sequence ({@code ?sequence=<invoice id>}) or every sequence of the group, oldest letter first. */
    @PostMapping("/internal/dead-letters/{group}/retry")
    Map<String, Object> retry(@RequestHeader(name = InternalTokenService.HEADER, required = false) String token,
                              @PathVariable String group, @RequestParam(required = false) String sequence) {
        operator(token);
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> DomainException.notFound("Processing group"));
        List<String> sequences = sequence != null ? List.of(sequence) : sequenceIds(queue);
        int succeeded = 0;
        for (String id : sequences) {
            if (processor.process(letter -> id.equals(sequenceOf(letter)))) {
                succeeded++;
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("processingGroup", group);
        body.put("sequencesRetried", sequences.size());
        body.put("sequencesCleared", succeeded);
        body.put("lettersRemaining", queue.size());
        return body;
    }

    /** Drops a sequence's letters for good: the processor never applies those events (a publisher never sends them). */
    @DeleteMapping("/internal/dead-letters/{group}/{sequence}")
    ResponseEntity<Void> evict(@RequestHeader(name = InternalTokenService.HEADER, required = false) String token,
                               @PathVariable String group, @PathVariable String sequence) {
        operator(token);
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        int evicted = transactions.fetchInTransaction(() -> {
            int n = 0;
            for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(sequence)) {
                queue.evict(letter);
                n++;
            }
            return n;
        });
        if (evicted == 0) {
            throw DomainException.notFound("Dead-letter sequence");
        }
        return ResponseEntity.noContent().build();
    }

    private List<String> sequenceIds(SequencedDeadLetterQueue<EventMessage<?>> queue) {
        return transactions.fetchInTransaction(() -> {
            List<String> ids = new ArrayList<>();
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    ids.add(sequenceOf(letter));
                    break;
                }
            }
            return ids;
        });
    }

    private static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        if (letter instanceof JpaDeadLetter<?> jpa) {
            return jpa.getSequenceIdentifier();
        }
        if (letter instanceof GenericDeadLetter<?> generic) {
            return String.valueOf(generic.getSequenceIdentifier());
        }
        return letter.message() instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : "";
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return processing.deadLetterQueue(group).orElseThrow(() -> DomainException.notFound("Processing group"));
    }

    private static Letter describe(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        long aggregateSequence = event instanceof DomainEventMessage<?> domain
                ? domain.getSequenceNumber() : -1;
        return new Letter(event.getIdentifier(), event.getPayloadType().getSimpleName(), aggregateSequence,
                letter.enqueuedAt(), letter.lastTouched(),
                letter.cause().map(c -> c.type() + ": " + c.message()).orElse(null));
    }

    private void operator(String token) {
        Caller caller = tokens.verify(token).orElseThrow(() -> new DomainException(ErrorCode.UNAUTHENTICATED, "An operator's internal token is required."));
        if (caller.actor().type() != ActorType.SYSTEM || !caller.canWrite()) {
            throw new DomainException(ErrorCode.FORBIDDEN, "Only an operator may do this.");
        }
    }
}
