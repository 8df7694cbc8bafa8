package io.billstream.platform.messaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.billstream.platform.events.EventTypes;
import io.billstream.platform.events.IntegrationEvent;
import io.billstream.platform.events.data.AddressData;
import io.billstream.platform.events.data.CustomerData;
import io.billstream.platform.events.data.PaymentData;
import io.billstream.platform.events.data.RefundData;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An event whose data is written straight from its object encodes to the very bytes of one built from a tree. */
class IntegrationEventCodecTest {

    private final ObjectMapper mapper = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private final IntegrationEventCodec codec = new IntegrationEventCodec(mapper);

    @Test
    void dataWrittenFromItsObjectEncodesLikeATree() {
        Instant at = Instant.parse("2026-12-06T20:15:30.123456Z");
        PaymentData payment = new PaymentData("pay_1", "inv_1", "1234.50", "EUR", "bank_transfer", null, "refunded",
                at, "10.00", at, new RefundData("ref_1", "pay_1", "10.00", "duplicate \"charge\" – ünïcode", at, null));
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("b", "2");
        metadata.put("a", null);
        CustomerData customer = new CustomerData("cus_1", "Ada", null, new AddressData("1 Way", null, "Lyon", null,
                "69001", "FR"), null, "fr-FR", metadata, false, 3, at, at, null);
        for (Object data : new Object[] {payment, customer, null}) {
            assertThat(codec.encode(event(codec.dataOf(data)))).isEqualTo(codec.encode(event(codec.toTree(data))));
        }
        assertThat(codec.decode(codec.encode(event(codec.dataOf(payment)))).data().path("refund").path("amount")
                .asText()).isEqualTo("10.00");
    }

    private static IntegrationEvent event(com.fasterxml.jackson.databind.JsonNode data) {
        return IntegrationEvent.of("evt_1", "billstream/test", EventTypes.PAYMENT_RECORDED, "pay_1",
                Instant.parse("2026-12-06T20:15:30Z"), "ten_1", 7, data);
    }
}
