package io.billstream.gateway.domain;

import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Slows password guessing: repeated failures for one login name (whether or not it exists, so the throttle reveals
 * nothing) or from one address block further attempts for a while, doubling with every further failure.
 */
public class LoginThrottle {

    private final LoginAttempts repository;
    private final Policy settings;
    private final Clock clock;

    public LoginThrottle(LoginAttempts repository, Policy settings, Clock clock) {
        this.repository = repository;
        this.settings = settings;
        this.clock = clock;
    }

    public void checkAllowed(String login, String address) {
        Instant now = clock.instant();
        repository.blockedUntil(List.of(account(login), address(address)), now).ifPresent(until -> {
            throw new DomainException(ErrorCode.RATE_LIMITED,
                    "Too many failed logins; retry later.", List.of(), Duration.between(now, until).plusSeconds(1));
        });
    }

    public void failed(String login, String address) {
        Instant now = clock.instant();
        count(account(login), settings.accountThreshold(), now);
        count(address(address), settings.addressThreshold(), now);
    }

    public void succeeded(String login) {
        repository.clear(account(login));
    }

    private void count(String subject, int threshold, Instant now) {
        int failures = repository.recordFailure(subject, now, settings.window());
        if (failures >= threshold) {
            int doublings = Math.min(failures - threshold, 20);
            Duration lockout = settings.lockout().multipliedBy(1L << doublings);
            if (lockout.compareTo(settings.maxLockout()) > 0) {
                lockout = settings.maxLockout();
            }
            repository.block(subject, now.plus(lockout));
        }
    }

    private static String account(String login) {
        return "account:" + login;
    }

    private static String address(String address) {
        return "address:" + address;
    }

    /** The {@code billstream.gateway.login-throttle} settings (their defaults live with the properties). */
    public record Policy(int accountThreshold, int addressThreshold, Duration window, Duration lockout,
                         Duration maxLockout) {
    }
}
