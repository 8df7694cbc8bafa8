package io.billstream.webhook.delivery;

import io.billstream.webhook.domain.ClaimedMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.billstream.webhook.delivery.EndpointLanes.Admission.REFUSED;
import static io.billstream.webhook.delivery.EndpointLanes.Admission.RUN;
import static io.billstream.webhook.delivery.EndpointLanes.Admission.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

class EndpointLanesTest {

    private final AtomicInteger slotsFreed = new AtomicInteger();
    private final EndpointLanes lanes = new EndpointLanes(2, Duration.ofMinutes(1), slotsFreed::incrementAndGet);

    @Test
    void runsUpToTheSlotsThenHoldsThreeTimesAsManyThenRefuses() {
        List<EndpointLanes.Admission> admissions = new ArrayList<>();
        for (int n = 1; n <= 9; n++) {
            admissions.add(lanes.admit(message("a", n)));
        }
        assertThat(admissions).containsExactly(RUN, RUN, WAIT, WAIT, WAIT, WAIT, WAIT, WAIT, REFUSED);
        // another endpoint is not affected by a's load
        assertThat(lanes.admit(message("b", 1))).isEqualTo(RUN);
        assertThat(lanes.saturated()).containsExactly("a");
    }

    @Test
    void aFinishedAttemptHandsItsSlotToTheOldestWaitingMessage() {
        ClaimedMessage third = message("a", 3);
        lanes.admit(message("a", 1));
        lanes.admit(message("a", 2));
        lanes.admit(third);
        lanes.admit(message("a", 4));

        assertThat(lanes.finished("a", expired -> { })).contains(third);
        assertThat(lanes.saturated()).as("two running, one waiting").containsExactly("a");
        assertThat(slotsFreed).hasValue(0);
    }

    @Test
    void signalsWhenASaturatedEndpointCanTakeMoreAgain() {
        lanes.admit(message("a", 1));
        lanes.admit(message("a", 2));

        assertThat(lanes.finished("a", expired -> { })).isEmpty();
        assertThat(slotsFreed).hasValue(1);
        assertThat(lanes.saturated()).isEmpty();
        assertThat(lanes.admit(message("a", 3))).isEqualTo(RUN);
    }

    @Test
    void messagesThatWaitedTooLongAreGivenBackInsteadOfRun() {
        EndpointLanes impatient = new EndpointLanes(1, Duration.ZERO, () -> { });
        ClaimedMessage waited = message("a", 2);
        impatient.admit(message("a", 1));
        impatient.admit(waited);
        List<ClaimedMessage> expired = new ArrayList<>();

        assertThat(impatient.finished("a", expired::add)).isEmpty();
        assertThat(expired).containsExactly(waited);
        assertThat(impatient.admit(message("a", 3))).isEqualTo(RUN);
    }

    @Test
    void stoppingTakesOutEveryWaitingMessage() {
        ClaimedMessage waiting = message("a", 3);
        lanes.admit(message("a", 1));
        lanes.admit(message("a", 2));
        lanes.admit(waiting);

        assertThat(lanes.drainWaiting()).containsExactly(waiting);
        assertThat(lanes.finished("a", expired -> { })).isEmpty();
    }

    private static ClaimedMessage message(String endpoint, int n) {
        return new ClaimedMessage("msg_" + endpoint + n, "ten_1", endpoint, "{}", 0, 0, UUID.randomUUID(),
                "https://example.com/hook", "whsec_x", null, null);
    }
}
