package io.billstream.gateway.domain;


import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The CSRF token of a cookie session: an HMAC of the session's jti under the access-token key. Bound to the
 * session (a token of one session is worthless for another), so nothing is stored, every gateway instance checks
 * it, and a script of another origin can neither read the cookie nor derive the token.
 */
public class CsrfTokens {

    private static final String ALGORITHM = "HmacSHA256";
    private final SecretKeySpec key;

    /** @param secret the access-token key */
    public CsrfTokens(String secret) {
        // "csrf:" domain-separates this use of the key from the JWT signatures
        this.key = new SecretKeySpec(("csrf:" + secret).getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    public String tokenFor(String jti) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(jti.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public boolean matches(String jti, String presented) {
        return presented != null && jti != null && MessageDigest.isEqual(
                tokenFor(jti).getBytes(StandardCharsets.US_ASCII), presented.getBytes(StandardCharsets.US_ASCII));
    }
}
