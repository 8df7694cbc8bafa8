package io.billstream.document.email.domain;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Wakes the worker when an email or reminder is committed, so sending does not wait for the next poll. */
@Component
public class EmailSignal {

    private final Semaphore wakeUps = new Semaphore(0);

    public void wakeUp() {
        wakeUps.release();
    }

    public boolean await(Duration timeout) throws InterruptedException {
        boolean woken = wakeUps.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        wakeUps.drainPermits();
        return woken;
    }
}
