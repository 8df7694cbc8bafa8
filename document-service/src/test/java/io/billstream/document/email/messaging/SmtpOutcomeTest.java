package io.billstream.document.email.messaging;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;
import org.springframework.mail.MailSendException;

import java.net.ConnectException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures are retried (down, 4xx) and which are final (5xx), as JavaMailSender reports them. */
class SmtpOutcomeTest {

    @Test
    void aRefusedConnectionIsRetried() {
        MailSendException down = new MailSendException("Mail server connection failed",
                new MessagingException("Couldn't connect to host", new ConnectException("Connection refused")));
        assertThat(SmtpOutcome.replyCode(down)).isEqualTo(-1);
        assertThat(SmtpOutcome.isPermanent(down)).isFalse();
        assertThat(SmtpOutcome.describe(down)).isEqualTo("ConnectException: Connection refused");
    }

    @Test
    void a4xxIsRetriedAnd5xxIsFinalWhereverItSits() throws Exception {
        Address[] none = new Address[0];
        SMTPSendFailedException busy = new SMTPSendFailedException("DATA", 451, "451 4.3.0 try again later", null,
                none, none, none);
        assertThat(SmtpOutcome.isPermanent(new MailSendException("failed", busy))).isFalse();
        assertThat(SmtpOutcome.replyCode(new MailSendException("failed", busy))).isEqualTo(451);

        SMTPAddressFailedException unknown = new SMTPAddressFailedException(new InternetAddress("x@example.com"),
                "RCPT TO", 550, "550 5.1.1 no such user");
        MessagingException sendFailed = new MessagingException("Invalid Addresses", unknown);
        MailSendException failure = new MailSendException(Map.of(new Object(), sendFailed));
        assertThat(SmtpOutcome.isPermanent(failure)).isTrue();
        assertThat(SmtpOutcome.replyCode(failure)).isEqualTo(550);
        assertThat(SmtpOutcome.describe(failure)).contains("550 5.1.1 no such user");
    }
}
