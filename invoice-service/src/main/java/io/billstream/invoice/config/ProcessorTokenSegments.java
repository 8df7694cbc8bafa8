package io.billstream.invoice.config;

import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Creates the token rows of the pooled processors before Axon starts them. Axon would create them on its first
 * start, but two instances starting together on an empty store race: the loser's insert fails inside a transaction
 * Spring has already marked rollback-only, and that instance dies at start-up (UnexpectedRollbackException from
 * the coordinator's token store initialisation). An insert that ignores conflicts cannot lose the race. A row
 * without a token starts its segment at the beginning of the event store, as Axon's own initial token does on an
 * empty store; existing rows are never touched.
 */
@Component
@DependsOn("flywayInitializer")
class ProcessorTokenSegments {

    ProcessorTokenSegments(JdbcTemplate jdbc, EventProcessorProperties properties) {
        String now = Instant.now().toString();
        properties.getProcessors().forEach((name, settings) -> {
            Integer segments = settings.getInitialSegmentCount();
            if (settings.getMode() != EventProcessorProperties.Mode.POOLED || segments == null) {
                return;
            }
            for (int segment = 0; segment < segments; segment++) {
                jdbc.update("""
                        insert into token_entry (processor_name, segment, token, token_type, owner, "timestamp")
                        values (?, ?, null, null, null, ?) on conflict do nothing""",
                        name, segment, now);
            }
        });
    }
}
