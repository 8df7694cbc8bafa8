package io.billstream.gateway.persistence;

import io.billstream.gateway.GatewayProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/** Drops rows that no longer matter; harmless when several instances do it at once. */
@Component
public class Housekeeping {

    private final IdempotencyRepository idempotency;
    private final RevokedTokenRepository revokedTokens;
    private final LoginThrottleRepository throttle;
    private final GatewayProperties properties;
    private final Clock clock;
    private final SeenInvoiceVersions seenVersions;

    public Housekeeping(IdempotencyRepository idempotency, RevokedTokenRepository revokedTokens,
                        LoginThrottleRepository throttle, GatewayProperties properties, Clock clock,
                        SeenInvoiceVersions seenVersions) {
        this.seenVersions = seenVersions;
        this.idempotency = idempotency;
        this.revokedTokens = revokedTokens;
        this.throttle = throttle;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${billstream.gateway.housekeeping-interval:10m}", initialDelayString = "1m")
    public void purge() {
        Instant now = clock.instant();
        idempotency.purgeOlderThan(now.minus(properties.idempotency().retention()));
        revokedTokens.purgeExpired(now);
        throttle.purgeIdle(now.minus(properties.loginThrottle().window()), now);
        seenVersions.purgeOlderThan(now.minus(SeenInvoiceVersions.KEPT));
    }
}
