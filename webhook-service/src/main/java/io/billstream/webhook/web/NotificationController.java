package io.billstream.webhook.web;

import io.billstream.platform.paging.Page;
import io.billstream.platform.security.Caller;
import io.billstream.webhook.domain.Notifications;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/v1/notifications")
public class NotificationController {

    private final Notifications notifications;

    public NotificationController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping
    Page<NotificationView> list(Caller caller, @RequestParam(defaultValue = "false") boolean unread,
                                @RequestParam(defaultValue = "20") int limit,
                                @RequestParam(required = false) String cursor) {
        return notifications.list(caller.tenant(), unread, limit, cursor).map(NotificationView::of);
    }

    @PostMapping("/{id}/read")
    NotificationView read(Caller caller, @PathVariable String id) {
        return NotificationView.of(notifications.markRead(caller.tenant(), id));
    }
}
