package io.billstream.platform.security;

import io.billstream.platform.idempotency.IdempotencyKey;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Mints (gateway) and verifies (services) the short-lived HS256 token that carries tenant and principal from the
 * gateway to a service (docs/api-reference.md §3). A service port reached directly without it grants nothing.
 */
public class InternalTokenService {

    public static final String HEADER = "X-Billstream-Internal-Token";
    private static final String ISSUER = "billstream-gateway";
    private static final String AUDIENCE = "billstream-services";
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
    // active callers (a tenant's key or user) each hold one plain token at a time
    private static final int CACHED_CALLERS = 10_000;

    private final JWSSigner signer;
    private final JWSVerifier verifier;
    private final Duration ttl;
    private final Clock clock;
    // a caller's plain token (no Idempotency-Key, no seen version), reused while more than half its life is left
    private final Cache<Caller, Minted> plainTokens = Caffeine.newBuilder().maximumSize(CACHED_CALLERS).build();
    // plain tokens already verified here, with their expiry; a token is checked against the clock on every use
    private final Cache<String, Checked> verifiedPlainTokens =
            Caffeine.newBuilder().maximumSize(CACHED_CALLERS).build();

    public InternalTokenService(String secret, Duration ttl, Clock clock) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < 32) {
            throw new IllegalArgumentException("billstream.internal-token.secret must be at least 32 bytes");
        }
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable internal token secret", e);
        }
        this.ttl = ttl;
        this.clock = clock;
    }

    public String mint(Caller caller) {
        return mint(caller, null);
    }

    /**
     * @param idempotency the request's Idempotency-Key and fingerprint (docs/api-reference.md §2), or null; signed with the rest, so
     *                    only the gateway can set it and a service can trust it names this request
     */
    public String mint(Caller caller, IdempotencyKey idempotency) {
        return mint(caller, idempotency, null);
    }

    /** @param seen a version of a resource the caller has already been answered with, or null */
    public String mint(Caller caller, IdempotencyKey idempotency, SeenVersion seen) {
        Instant now = clock.instant();
        if (idempotency == null && seen == null) {
            // Signing and serializing took 5.5 % of the gateway's CPU under load (docs/benchmarks.md, row 40); a
            // caller's plain token says the same thing until it expires.
            Minted cached = plainTokens.getIfPresent(caller);
            if (cached != null && now.isBefore(cached.reuseUntil())) {
                return cached.token();
            }
            String token = sign(caller, null, null, now);
            plainTokens.put(caller, new Minted(token, now.plus(ttl.dividedBy(2))));
            return token;
        }
        return sign(caller, idempotency, seen, now);
    }

    private String sign(Caller caller, IdempotencyKey idempotency, SeenVersion seen, Instant now) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
        if (seen != null) {
            builder.claim("svi", seen.id()).claim("svv", seen.version());
        }
        if (idempotency != null) {
            if (!idempotency.tenant().equals(caller.tenant())) {
                throw new IllegalArgumentException("an Idempotency-Key is scoped to the caller's tenant");
            }
            builder.claim("idk", idempotency.key()).claim("idf", idempotency.fingerprint());
        }
        JWTClaimsSet claims = builder
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(caller.actor().id())
                .claim("ten", caller.tenant())
                .claim("act", caller.actor().type().wire())
                .claim("org", caller.organizationName())
                .claim("wr", caller.canWrite())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign internal token", e);
        }
        return jwt.serialize();
    }

    /** The caller, or empty when the token is missing, forged, expired or not meant for services. */
    public Optional<Caller> verify(String token) {
        return verifyRequest(token).map(Verified::caller);
    }

    /** The caller and, when the client sent one, the request's Idempotency-Key; empty as {@link #verify}. */
    public Optional<Verified> verifyRequest(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Checked checked = verifiedPlainTokens.getIfPresent(token);
        if (checked != null) {
            return expired(checked.expires(), now) ? Optional.empty() : Optional.of(checked.verified());
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (claims.getExpirationTime() == null
                    || expired(claims.getExpirationTime().toInstant(), now)
                    || !ISSUER.equals(claims.getIssuer())
                    || !claims.getAudience().contains(AUDIENCE)) {
                return Optional.empty();
            }
            String tenant = claims.getStringClaim("ten");
            if (tenant == null || claims.getSubject() == null) {
                return Optional.empty();
            }
            Actor actor = new Actor(ActorType.fromWire(claims.getStringClaim("act")), claims.getSubject());
            Boolean canWrite = claims.getBooleanClaim("wr");
            Caller caller = new Caller(new TenantId(tenant), actor, claims.getStringClaim("org"),
                    Boolean.TRUE.equals(canWrite));
            String key = claims.getStringClaim("idk");
            String fingerprint = claims.getStringClaim("idf");
            IdempotencyKey idempotency = key == null || key.isEmpty() || fingerprint == null || fingerprint.isEmpty()
                    ? null : new IdempotencyKey(tenant, key, fingerprint);
            String seenId = claims.getStringClaim("svi");
            Long seenVersion = claims.getLongClaim("svv");
            SeenVersion seen = seenId == null || seenVersion == null ? null : new SeenVersion(seenId, seenVersion);
            Verified verified = new Verified(caller, idempotency, seen);
            if (idempotency == null && seen == null) {
                verifiedPlainTokens.put(token, new Checked(verified, claims.getExpirationTime().toInstant()));
            }
            return Optional.of(verified);
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The one expiry rule, for a token read now and for one verified before. */
    private static boolean expired(Instant expires, Instant now) {
        return expires.plus(CLOCK_SKEW).isBefore(now);
    }

    private record Minted(String token, Instant reuseUntil) {
    }

    private record Checked(Verified verified, Instant expires) {
    }

    /**
     * @param idempotencyKey null when the request carried no Idempotency-Key
     * @param seenVersion    null unless the gateway knows the caller has seen a newer version of a resource
     */
    public record Verified(Caller caller, IdempotencyKey idempotencyKey, SeenVersion seenVersion) {
    }
}
