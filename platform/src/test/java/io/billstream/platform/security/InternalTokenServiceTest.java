package io.billstream.platform.security;

import io.billstream.platform.idempotency.IdempotencyKey;
import io.billstream.testsupport.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InternalTokenServiceTest {

    private static final String SECRET = "a-secret-that-is-long-enough-for-hs256-0123456789";
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private final Caller caller = new Caller(new TenantId("ten_a"), new Actor(ActorType.API_KEY, "key_1"), "Acme", false);

    private InternalTokenService at(Instant instant, String secret) {
        return new InternalTokenService(secret, Duration.ofSeconds(60), Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Test
    void carriesTenantPrincipalAndWriteRight() {
        String token = at(NOW, SECRET).mint(caller);
        assertThat(at(NOW.plusSeconds(30), SECRET).verify(token)).contains(caller);
    }

    @Test
    void carriesTheIdempotencyKeyAndASeenVersionSignedWithTheCaller() {
        IdempotencyKey key = new IdempotencyKey("ten_a", "order-42", "f".repeat(64));
        String token = at(NOW, SECRET).mint(caller, key, new SeenVersion("inv_1", 3));

        InternalTokenService.Verified verified = at(NOW, SECRET).verifyRequest(token).orElseThrow();
        assertThat(verified.caller()).isEqualTo(caller);
        assertThat(verified.idempotencyKey()).isEqualTo(key);
        assertThat(verified.seenVersion()).isEqualTo(new SeenVersion("inv_1", 3));
        // forged with another secret: nothing of it is believed
        assertThat(at(NOW, SECRET.replace('a', 'b')).verifyRequest(token)).isEmpty();
        // without them, neither is invented
        InternalTokenService.Verified plain = at(NOW, SECRET).verifyRequest(at(NOW, SECRET).mint(caller)).orElseThrow();
        assertThat(plain.idempotencyKey()).isNull();
        assertThat(plain.seenVersion()).isNull();
    }

    @Test
    void anIdempotencyKeyIsScopedToTheCallersTenant() {
        assertThatThrownBy(() -> at(NOW, SECRET).mint(caller, new IdempotencyKey("ten_b", "k", "f"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesExpiredForgedAndGarbageTokens() {
        String token = at(NOW, SECRET).mint(caller);
        assertThat(at(NOW.plusSeconds(120), SECRET).verify(token)).isEmpty();
        assertThat(at(NOW, SECRET.replace('a', 'b')).verify(token)).isEmpty();
        assertThat(at(NOW, SECRET).verify("not-a-token")).isEmpty();
        assertThat(at(NOW, SECRET).verify(null)).isEmpty();
        String[] parts = token.split("\\.");
        String unsigned = parts[0] + "." + parts[1] + ".";
        assertThat(at(NOW, SECRET).verify(unsigned)).isEmpty();
    }

    @Test
    void refusesShortSecrets() {
        assertThatThrownBy(() -> at(NOW, "short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPlainTokenIsReusedWhileMoreThanHalfItsLifeIsLeftAndStillExpires() {
        MovableClock clock = MovableClock.fixedAt(NOW);
        InternalTokenService tokens = new InternalTokenService(SECRET, Duration.ofSeconds(60), clock);
        String first = tokens.mint(caller);
        assertThat(tokens.verify(first)).contains(caller);

        clock.shift(Duration.ofSeconds(29));
        assertThat(tokens.mint(caller)).as("reused").isEqualTo(first);
        Caller reader = new Caller(caller.tenantId(), caller.actor(), caller.organizationName(), false);
        assertThat(tokens.verify(tokens.mint(reader))).as("another caller, another token").contains(reader);

        clock.shift(Duration.ofSeconds(2)); // 31 s
        String second = tokens.mint(caller);
        assertThat(second).as("half its life gone: a new one").isNotEqualTo(first);
        assertThat(tokens.verify(second)).contains(caller);

        // verified before, so remembered: still refused once expired
        clock.shift(Duration.ofSeconds(35)); // 66 s
        assertThat(tokens.verify(first)).isEmpty();
        assertThat(tokens.verify(second)).contains(caller);
    }

    @Test
    void aTokenCarryingAnIdempotencyKeyOrASeenVersionIsNeverTheCallersPlainOne() {
        InternalTokenService tokens = at(NOW, SECRET);
        String plain = tokens.mint(caller);
        String keyed = tokens.mint(caller, new IdempotencyKey("ten_a", "order-42", "f".repeat(64)), null);
        String seen = tokens.mint(caller, null, new SeenVersion("inv_1", 3));
        assertThat(keyed).isNotEqualTo(plain);
        assertThat(seen).isNotEqualTo(plain);
        assertThat(tokens.verifyRequest(plain).orElseThrow().idempotencyKey()).isNull();
        assertThat(tokens.verifyRequest(keyed).orElseThrow().idempotencyKey().key()).isEqualTo("order-42");
        assertThat(tokens.verifyRequest(seen).orElseThrow().seenVersion()).isEqualTo(new SeenVersion("inv_1", 3));
    }
}
