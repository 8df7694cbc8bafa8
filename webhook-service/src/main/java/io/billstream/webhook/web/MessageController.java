package io.billstream.webhook.web;

import io.billstream.platform.security.Caller;
import io.billstream.platform.errors.DomainException;
import io.billstream.webhook.api.AttemptView;
import io.billstream.webhook.api.MessageView;
import io.billstream.webhook.api.Page;
import io.billstream.webhook.delivery.DeliverySignal;
import io.billstream.webhook.domain.RetryPolicy;
import io.billstream.webhook.persistence.Cursors;
import io.billstream.webhook.persistence.MessageRepository;
import io.billstream.webhook.persistence.Seeked;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/webhook-messages")
public class MessageController {

    private final MessageRepository messages;
    private final RetryPolicy retryPolicy;
    private final DeliverySignal signal;

    public MessageController(MessageRepository messages, RetryPolicy retryPolicy, DeliverySignal signal) {
        this.messages = messages;
        this.retryPolicy = retryPolicy;
        this.signal = signal;
    }

    @GetMapping("/{id}")
    MessageView get(Caller caller, @PathVariable String id) {
        return find(caller, id);
    }

    @GetMapping("/{id}/attempts")
    Page<AttemptView> attempts(Caller caller, @PathVariable String id,
                               @RequestParam(defaultValue = "100") @Min(1) @Max(100) int limit,
                               @RequestParam(required = false) String cursor) {
        find(caller, id);
        return Seeked.page(messages.attempts(id, Cursors.decode(cursor), limit + 1), limit,
                MessageRepository.AttemptRow::seq, MessageRepository.AttemptRow::attempt);
    }

    @PostMapping("/{id}/retry")
    @Transactional
    public MessageView retry(Caller caller, @PathVariable String id) {
        if (!messages.retryNow(caller.tenant(), id, retryPolicy.exhaustedStep())) {
            throw DomainException.notFound("Webhook message");
        }
        signal.afterCommit();
        return find(caller, id);
    }

    private MessageView find(Caller caller, String id) {
        return messages.find(caller.tenant(), id).orElseThrow(() -> DomainException.notFound("Webhook message"));
    }
}
