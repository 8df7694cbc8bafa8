package io.billstream.webhook.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationsTest {

    private final List<String> inserted = new ArrayList<>();
    private final ObjectMapper mapper = new ObjectMapper();
    private final Notifications notifications = new Notifications(new NotificationStore() {
        @Override
        public String insert(String tenantId, String type, String message, JsonNode data) {
            inserted.add(type);
            return "ntf_1";
        }

        @Override
        public List<Row> list(String tenantId, boolean unreadOnly, long beforeSeq, int limit) {
            return List.of();
        }

        @Override
        public Optional<Notification> markRead(String tenantId, String id) {
            return Optional.empty();
        }
    }, mapper);

    /** The fan-out skips the transaction of every type {@code notifies} denies, so it must not deny one that notifies. */
    @Test
    void notifiesSaysExactlyWhichEventTypesMakeANotification() {
        for (String type : catalog()) {
            inserted.clear();
            notifications.onEvent(IntegrationEvent.of("evt_1", "test", type, "inv_1", Instant.now(), "ten_1", 1L,
                    mapper.createObjectNode().put("id", "inv_1")));
            assertThat(inserted).as(type).hasSize(notifications.notifies(type) ? 1 : 0);
        }
        assertThat(catalog()).filteredOn(notifications::notifies).containsExactlyInAnyOrder(EventTypes.INVOICE_PAID,
                EventTypes.INVOICE_OVERDUE, EventTypes.PAYMENT_REFUNDED, EventTypes.PAYMENT_REFUND_FAILED,
                EventTypes.EMAIL_FAILED);
    }

    private static List<String> catalog() {
        return Arrays.stream(EventTypes.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(NotificationsTest::value)
                .toList();
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
