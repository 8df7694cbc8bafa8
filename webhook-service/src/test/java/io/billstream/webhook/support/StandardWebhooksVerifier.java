package io.billstream.webhook.support;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An independent implementation of Standard Webhooks verification, as a receiver would write it from the
 * specification (no code shared with the service).
 */
public final class StandardWebhooksVerifier {

    private StandardWebhooksVerifier() {
    }

    /** The secrets (of those given) that produced one of the header's v1 signatures. */
    public static List<String> matchingSecrets(List<String> secrets, String id, String timestamp, String body,
                                               String signatureHeader) throws Exception {
        List<String> matching = new ArrayList<>();
        for (String secret : secrets) {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String part : signatureHeader.split(" ")) {
                String[] versioned = part.split(",", 2);
                if (versioned.length == 2 && versioned[0].equals("v1")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(versioned[1]))) {
                    matching.add(secret);
                }
            }
        }
        return matching;
    }
}
