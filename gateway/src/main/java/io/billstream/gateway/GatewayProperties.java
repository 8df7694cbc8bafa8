package io.billstream.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Settings of the gateway, under {@code billstream.gateway.*}. */
@ConfigurationProperties("billstream.gateway")
public record GatewayProperties(Routes routes, AccessToken accessToken, Passwords passwords, LoginThrottle loginThrottle,
                                RateLimit rateLimit, Idempotency idempotency, Cors cors, Upstream upstream) {

    public GatewayProperties {
        routes = routes == null ? new Routes(null, null, null, null) : routes;
        accessToken = accessToken == null ? new AccessToken(null, null) : accessToken;
        passwords = passwords == null ? new Passwords(0) : passwords;
        loginThrottle = loginThrottle == null ? new LoginThrottle(0, 0, null, null, null) : loginThrottle;
        rateLimit = rateLimit == null ? new RateLimit(null, null, null) : rateLimit;
        idempotency = idempotency == null ? new Idempotency(null, null) : idempotency;
        cors = cors == null ? new Cors(List.of()) : cors;
        upstream = upstream == null ? new Upstream(null, null) : upstream;
    }

    /** Each value is a comma-separated list of base URLs; requests are spread over them round-robin. */
    public record Routes(String invoice, String payment, String document, String webhook) {
        public Routes {
            invoice = invoice == null ? "http://127.0.0.1:8081" : invoice;
            payment = payment == null ? "http://127.0.0.1:8082" : payment;
            document = document == null ? "http://127.0.0.1:8083" : document;
            webhook = webhook == null ? "http://127.0.0.1:8084" : webhook;
        }

        public static List<URI> parse(String urls) {
            return Arrays.stream(urls.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .map(s -> URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s))
                    .toList();
        }
    }

    /** @param secret HMAC key of user access tokens (≥ 32 bytes; only the gateway knows it) */
    public record AccessToken(String secret, Duration ttl) {
        public AccessToken {
            ttl = ttl == null ? Duration.ofHours(1) : ttl;
        }
    }

    public record Passwords(int bcryptStrength) {
        public Passwords {
            bcryptStrength = bcryptStrength <= 0 ? 10 : bcryptStrength;
        }
    }

    /**
     * After {@code accountThreshold} failures for one login (or {@code addressThreshold} from one address) within
     * {@code window}, further attempts are refused for {@code lockout}, doubling with every further failure up to
     * {@code maxLockout}.
     */
    public record LoginThrottle(int accountThreshold, int addressThreshold, Duration window, Duration lockout,
                                Duration maxLockout) {
        public LoginThrottle {
            accountThreshold = accountThreshold <= 0 ? 5 : accountThreshold;
            addressThreshold = addressThreshold <= 0 ? 50 : addressThreshold;
            window = window == null ? Duration.ofMinutes(15) : window;
            lockout = lockout == null ? Duration.ofSeconds(30) : lockout;
            maxLockout = maxLockout == null ? Duration.ofMinutes(15) : maxLockout;
        }
    }

    /** @param anonymous per client address, for signup and login */
    public record RateLimit(Limit tenant, Limit apiKey, Limit anonymous) {
        public RateLimit {
            tenant = tenant == null ? new Limit(0, 0) : tenant;
            apiKey = apiKey == null ? new Limit(0, 0) : apiKey;
            anonymous = anonymous == null ? new Limit(2, 20) : anonymous;
        }
    }

    /** On average {@code requestsPerSecond}, at most {@code burst} at once. */
    public record Limit(double requestsPerSecond, int burst) {
        public Limit {
            requestsPerSecond = requestsPerSecond <= 0 ? 50 : requestsPerSecond;
            burst = burst <= 0 ? (int) Math.ceil(requestsPerSecond * 2) : burst;
        }

        public Duration window() {
            return Duration.ofNanos((long) (burst / requestsPerSecond * 1_000_000_000L));
        }
    }

    /**
     * @param retention  how long a key and its response are kept (the API contract: at least 24 h)
     * @param staleAfter an in-progress key older than this (its gateway died mid-request) may be taken over
     */
    public record Idempotency(Duration retention, Duration staleAfter) {
        public Idempotency {
            retention = retention == null ? Duration.ofHours(25) : retention;
            staleAfter = staleAfter == null ? Duration.ofMinutes(2) : staleAfter;
        }
    }

    public record Cors(List<String> allowedOrigins) {
        public Cors {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        }
    }

    /** @param retryAfter what a 503 for a down service advises; @param openApiTimeout per service document */
    public record Upstream(Duration retryAfter, Duration openApiTimeout) {
        public Upstream {
            retryAfter = retryAfter == null ? Duration.ofSeconds(5) : retryAfter;
            openApiTimeout = openApiTimeout == null ? Duration.ofSeconds(5) : openApiTimeout;
        }
    }
}
