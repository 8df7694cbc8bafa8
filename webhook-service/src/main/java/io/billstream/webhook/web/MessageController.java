package io.billstream.webhook.web;

import io.billstream.platform.paging.Page;
import io.billstream.platform.security.Caller;
import io.billstream.webhook.domain.Messages;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/webhook-messages")
public class MessageController {

    private final Messages messages;

    public MessageController(Messages messages) {
        this.messages = messages;
    }

    @GetMapping("/{id}")
    MessageView get(Caller caller, @PathVariable String id) {
        return MessageView.of(messages.get(caller.tenant(), id));
    }

    @GetMapping("/{id}/attempts")
    Page<AttemptView> attempts(Caller caller, @PathVariable String id,
                               @RequestParam(defaultValue = "100") int limit,
                               @RequestParam(required = false) String cursor) {
        return messages.attempts(caller.tenant(), id, limit, cursor).map(AttemptView::of);
    }

    @PostMapping("/{id}/retry")
    public MessageView retry(Caller caller, @PathVariable String id) {
        return MessageView.of(messages.retry(caller.tenant(), id));
    }
}
