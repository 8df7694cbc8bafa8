package io.billstream.document.email.messaging;

import io.billstream.document.email.domain.EmailComposer;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailSendException;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a failed attempt may succeed later: a server that is down, times out or answers 4xx is
 * retried; a 5xx answer (unknown mailbox, message refused) is final.
 */
public final class SmtpOutcome {

    private SmtpOutcome() {
    }

    /** The SMTP reply code found anywhere in the failure, or -1 when there is none (no connection, I/O error). */
    public static int replyCode(Throwable failure) {
        int first = -1;
        for (Throwable t : causes(failure)) {
            int found = switch (t) {
                case SMTPAddressFailedException e -> e.getReturnCode();
                case SMTPSenderFailedException e -> e.getReturnCode();
                case SMTPSendFailedException e -> e.getReturnCode();
                default -> -1;
            };
            if (found >= 500) {
                return found; // a 5xx for any recipient makes the whole message final
            }
            if (first < 0 && found >= 0) {
                first = found;
            }
        }
        return first;
    }

    public static boolean isPermanent(Throwable failure) {
        return replyCode(failure) >= 500;
    }

    /** One line for {@code lastError}: the SMTP reply or the innermost cause. */
    public static String describe(Throwable failure) {
        List<Throwable> all = causes(failure);
        Throwable root = all.getLast();
        for (Throwable t : all) {
            if (t instanceof SMTPSendFailedException || t instanceof SMTPAddressFailedException
                    || t instanceof SMTPSenderFailedException) {
                root = t;
                break;
            }
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return EmailComposer.oneLine(root.getClass().getSimpleName() + ": " + message);
    }

    private static List<Throwable> causes(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        List<Throwable> out = new ArrayList<>();
        List<Throwable> todo = new ArrayList<>(List.of(failure));
        while (!todo.isEmpty()) {
            Throwable t = todo.removeFirst();
            if (t == null || seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            out.add(t);
            todo.add(t.getCause());
            if (t instanceof MessagingException m) {
                todo.add(m.getNextException());
            }
            if (t instanceof MailSendException m) {
                todo.addAll(List.of(m.getMessageExceptions()));
            }
        }
        return out;
    }
}
