package io.billstream.invoice.invoicing.persistence;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Only committed prefixes from sequence 0 are held, extended only by committed appends that continue them, and only
 * sequences inside them are answered.
 */
class RecentStreamsTest {

    final RecentStreams recent = new RecentStreams();

    @AfterEach
    void clearSynchronization() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void aStreamReadWithoutATransactionIsHeldAndAnswersOnlyInsideItsPrefix() {
        recent.read("inv_1", events("inv_1", 0, 1, 2));

        assertThat(recent.through("inv_1", 1)).hasValueSatisfying(held ->
                assertThat(held).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L));
        assertThat(recent.through("inv_1", 2)).isPresent();
        assertThat(recent.through("inv_1", 3)).isEmpty();
        assertThat(recent.through("inv_1", -1)).isEmpty();
        assertThat(recent.through("inv_2", 0)).isEmpty();
    }

    @Test
    void aStreamWithAHoleOrNotFromZeroIsNotHeld() {
        recent.read("inv_1", events("inv_1", 0, 2));
        recent.read("inv_2", events("inv_2", 1, 2));

        assertThat(recent.through("inv_1", 0)).isEmpty();
        assertThat(recent.through("inv_2", 1)).isEmpty();
    }

    @Test
    void aStreamReadInATransactionIsHeldOnlyOnceItCommits() {
        TransactionSynchronizationManager.initSynchronization();
        recent.read("inv_1", events("inv_1", 0, 1));
        recent.read("inv_2", events("inv_2", 0, 1));
        assertThat(recent.through("inv_1", 0)).isEmpty();

        List<TransactionSynchronization> pending = TransactionSynchronizationManager.getSynchronizations();
        assertThat(pending).hasSize(2);
        pending.get(0).afterCommit();                       // inv_1's transaction commits
        pending.get(1).afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK);   // inv_2's does not

        assertThat(recent.through("inv_1", 1)).isPresent();
        assertThat(recent.through("inv_2", 0)).isEmpty();
    }

    @Test
    void aShorterReadDoesNotReplaceALongerOne() {
        recent.read("inv_1", events("inv_1", 0, 1, 2));
        recent.read("inv_1", events("inv_1", 0));

        assertThat(recent.through("inv_1", 2)).isPresent();
    }

    @Test
    void theLeastRecentlyUsedStreamsMakeRoom() {
        recent.read("inv_first", events("inv_first", 0));
        for (int i = 0; i < RecentStreams.MAX_STREAMS; i++) {
            recent.read("inv_" + i, events("inv_" + i, 0));
        }

        assertThat(recent.through("inv_first", 0)).isEmpty();
        assertThat(recent.through("inv_" + (RecentStreams.MAX_STREAMS - 1), 0)).isPresent();
    }

    @Test
    void appendsThatStartAStreamOrContinueItsHeldPrefixExtendItAndOthersAreLeftOut() {
        recent.appended("inv_1", events("inv_1", 0, 1));
        recent.appended("inv_1", events("inv_1", 2));
        recent.appended("inv_1", events("inv_1", 4));          // 3 was appended elsewhere: not held, not a hole
        recent.appended("inv_2", events("inv_2", 1, 2));       // nothing held to continue

        assertThat(recent.held("inv_1")).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(recent.held("inv_2")).isEmpty();
    }

    @Test
    void appendsAreHeldOnlyOnceTheirTransactionCommits() {
        TransactionSynchronizationManager.initSynchronization();
        recent.appended("inv_1", events("inv_1", 0));
        recent.appended("inv_2", events("inv_2", 0));
        assertThat(recent.held("inv_1")).isEmpty();

        List<TransactionSynchronization> pending = TransactionSynchronizationManager.getSynchronizations();
        pending.get(0).afterCommit();
        pending.get(1).afterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK);

        assertThat(recent.held("inv_1")).hasSize(1);
        assertThat(recent.held("inv_2")).isEmpty();
    }

    private static List<DomainEventMessage<?>> events(String id, long... sequences) {
        return LongStream.of(sequences)
                .<DomainEventMessage<?>>mapToObj(s -> new GenericDomainEventMessage<>("Invoice", id, s, "event " + s))
                .toList();
    }
}
