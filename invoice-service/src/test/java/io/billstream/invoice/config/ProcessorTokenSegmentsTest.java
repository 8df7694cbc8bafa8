package io.billstream.invoice.config;

import io.billstream.testsupport.ServiceIntegrationTest;
import org.axonframework.springboot.EventProcessorProperties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Instances starting together on one database must all come up: creating the token rows can never fail. */
@ServiceIntegrationTest
class ProcessorTokenSegmentsTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessorProperties properties;

    @Test
    void everyPooledProcessorHasItsSegmentsAndMoreInstancesChangeNothing() {
        assertThat(segments()).containsEntry("invoice-view", 4L).containsEntry("invoice-integration", 4L);
        List<Map<String, Object>> before = tokens();

        // what further instances do at start-up, several at once
        CompletableFuture.allOf(
                CompletableFuture.runAsync(() -> new ProcessorTokenSegments(jdbc, properties)),
                CompletableFuture.runAsync(() -> new ProcessorTokenSegments(jdbc, properties)),
                CompletableFuture.runAsync(() -> new ProcessorTokenSegments(jdbc, properties))).join();

        assertThat(segments()).containsEntry("invoice-view", 4L).containsEntry("invoice-integration", 4L);
        // The processors of this shared context keep running, so a token may move on meanwhile; what a starting
        // instance must never do is add, drop or reset a segment's token row.
        List<Map<String, Object>> after = tokens();
        assertThat(after).extracting(r -> r.get("processor_name") + "/" + r.get("segment"))
                .containsExactlyElementsOf(before.stream().map(r -> r.get("processor_name") + "/" + r.get("segment")).toList());
        for (int i = 0; i < before.size(); i++) {
            if (before.get(i).get("token") != null) {
                assertThat(after.get(i).get("token")).as("token of %s", after.get(i)).isNotNull();
            }
        }
    }

    private Map<String, Long> segments() {
        Map<String, Long> out = new TreeMap<>();
        jdbc.query("select processor_name, count(*) from token_entry group by processor_name",
                (ResultSet r) -> {
                    out.put(r.getString(1), r.getLong(2));
                });
        return out;
    }

    private List<Map<String, Object>> tokens() {
        return jdbc.queryForList("select processor_name, segment, token from token_entry order by 1, 2");
    }
}
