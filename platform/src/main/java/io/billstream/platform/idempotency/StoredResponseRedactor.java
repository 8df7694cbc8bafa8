package io.billstream.platform.idempotency;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Removes what must never be replayed (a secret shown once) from an answer before it is kept for its
 * Idempotency-Key. An application declares at most one as a bean; without one, answers are kept as they are.
 */
@FunctionalInterface
public interface StoredResponseRedactor {

    byte[] redact(HttpServletRequest request, byte[] body);
}
