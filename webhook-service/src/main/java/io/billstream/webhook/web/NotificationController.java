package io.billstream.webhook.web;

import io.billstream.platform.security.Caller;
import io.billstream.platform.errors.DomainException;
import io.billstream.webhook.api.NotificationView;
import io.billstream.webhook.api.Page;
import io.billstream.webhook.persistence.Cursors;
import io.billstream.webhook.persistence.NotificationRepository;
import io.billstream.webhook.persistence.Seeked;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/notifications")
public class NotificationController {

    private final NotificationRepository notifications;

    public NotificationController(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    Page<NotificationView> list(Caller caller, @RequestParam(defaultValue = "false") boolean unread,
                                @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
                                @RequestParam(required = false) String cursor) {
        return Seeked.page(notifications.list(caller.tenant(), unread, Cursors.decode(cursor), limit + 1), limit,
                NotificationRepository.Row::seq, NotificationRepository.Row::notification);
    }

    @PostMapping("/{id}/read")
    NotificationView read(Caller caller, @PathVariable String id) {
        return notifications.markRead(caller.tenant(), id).orElseThrow(() -> DomainException.notFound("Notification"));
    }
}
