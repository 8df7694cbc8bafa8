package io.billstream.platform.security;

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
 * gateway to a service (SPEC §3). A service port reached directly without it grants nothing.
 */
public class InternalTokenService {

    public static final String HEADER = "X-Billstream-Internal-Token";
    private static final String ISSUER = "billstream-gateway";
    private static final String AUDIENCE = "billstream-services";
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

    private final JWSSigner signer;
    private final JWSVerifier verifier;
    private final Duration ttl;
    private final Clock clock;

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
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
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
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (claims.getExpirationTime() == null
                    || claims.getExpirationTime().toInstant().plus(CLOCK_SKEW).isBefore(now)
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
            return Optional.of(new Caller(new TenantId(tenant), actor, claims.getStringClaim("org"),
                    Boolean.TRUE.equals(canWrite)));
        } catch (ParseException | JOSEException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
