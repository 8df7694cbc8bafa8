package io.billstream.invoice.config;

import io.billstream.testsupport.ServiceIntegrationTest;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JDBC token store writes a processor's token in the transaction of the batch that moved it, on the table its
 * JPA predecessor created: a batch that rolls back leaves the token where it was, and no other connection sees a
 * token before its batch commits.
 */
@ServiceIntegrationTest
class TokenStoreTransactionTest {

    private static final String PROCESSOR = "token-store-test-" + UUID.randomUUID();

    @Autowired
    TokenStore tokens;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    DataSource dataSource;

    @Test
    void aTokenMovesOnlyWithTheTransactionOfItsBatch() {
        TransactionTemplate batch = new TransactionTemplate(transactions);
        batch.executeWithoutResult(s -> {
            tokens.initializeTokenSegments(PROCESSOR, 1);
            tokens.fetchToken(PROCESSOR, 0); // claims the segment, as a processor does before its first batch
        });

        assertThatThrownBy(() -> batch.executeWithoutResult(s -> {
            tokens.storeToken(new GlobalSequenceTrackingToken(41), PROCESSOR, 0);
            throw new IllegalStateException("the batch failed");
        })).hasMessage("the batch failed");
        assertThat(storedToken(batch)).isNull();

        batch.executeWithoutResult(s -> {
            tokens.storeToken(new GlobalSequenceTrackingToken(42), PROCESSOR, 0);
            assertThat(committedTokenType()).as("the token row as another connection sees it before the commit")
                    .isNull();
        });
        assertThat(storedToken(batch)).isEqualTo(new GlobalSequenceTrackingToken(42));
        assertThat(committedTokenType()).isEqualTo(GlobalSequenceTrackingToken.class.getName());
    }

    private TrackingToken storedToken(TransactionTemplate batch) {
        return batch.execute(s -> tokens.fetchToken(PROCESSOR, 0));
    }

    /** Read on a connection of its own, outside any transaction of the test. */
    private String committedTokenType() {
        try (Connection own = dataSource.getConnection();
             PreparedStatement read = own.prepareStatement(
                     "select token_type from token_entry where processor_name = ? and segment = 0")) {
            read.setString(1, PROCESSOR);
            try (ResultSet row = read.executeQuery()) {
                assertThat(row.next()).isTrue();
                return row.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
