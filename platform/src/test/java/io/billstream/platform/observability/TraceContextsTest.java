package io.billstream.platform.observability;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TraceContextsTest {

    private static final String PARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Test
    void aRecordsTraceparentHeaderIsReadAndItsAbsenceIsNull() {
        ConsumerRecord<String, String> traced = new ConsumerRecord<>("t", 0, 0, "k", "v");
        traced.headers().add(TraceContexts.TRACEPARENT, "00-older".getBytes(StandardCharsets.UTF_8));
        traced.headers().add(TraceContexts.TRACEPARENT, PARENT.getBytes(StandardCharsets.UTF_8));

        assertThat(TraceContexts.traceParentOf(traced)).as("the last one, as Kafka's propagation reads it")
                .isEqualTo(PARENT);
        assertThat(TraceContexts.traceParentOf(new ConsumerRecord<>("t", 0, 1, "k", "v"))).isNull();
    }
}
