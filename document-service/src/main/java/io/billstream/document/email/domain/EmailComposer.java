package io.billstream.document.email.domain;

import io.billstream.document.email.EmailProperties;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import io.billstream.document.documents.domain.StoredPdf;
import io.billstream.document.documents.domain.render.LocaleFormat;
import io.billstream.document.documents.domain.render.MarkdownHtml;
import io.billstream.platform.events.data.InvoiceData;
import io.billstream.platform.events.data.PartyData;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UnsupportedEncodingException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Currency;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Builds the MIME message of one email from the invoice's current snapshot and current PDF: multipart/mixed with a
 * multipart/alternative (plain text, HTML from a Mustache template) and the PDF. Every header value that comes
 * from user data goes through {@link #oneLine} or {@link InternetAddress}, so no line break can reach a header;
 * the custom message lives only in the bodies (quoted-printable or base64 encoded).
 */
@Component
public class EmailComposer {

    /** Only for building messages; the transport is JavaMailSender's. */
    private static final Session SESSION = Session.getInstance(new Properties());

    private final Template html;
    private final Template text;
    private final MarkdownHtml markdown = new MarkdownHtml();
    private final EmailProperties properties;

    public EmailComposer(EmailProperties properties) {
        this.properties = properties;
        Mustache.Compiler compiler = Mustache.compiler().emptyStringIsFalse(true).defaultValue("");
        this.html = compiler.compile(resource("email/invoice.html.mustache"));
        this.text = compiler.withEscaper(Escapers.NONE).compile(resource("email/invoice.txt.mustache"));
    }

    public String messageId(String emailId) {
        return "<" + emailId + "@" + properties.messageIdDomain() + ">";
    }

    /** The subject of a new email; the seller's name is folded onto one line. */
    public static String subject(EmailKind kind, InvoiceData invoice) {
        String number = invoice.number() == null ? invoice.id() : invoice.number();
        String seller = invoice.seller() == null || invoice.seller().name() == null ? "" : oneLine(invoice.seller().name());
        String from = seller.isEmpty() ? "" : " from " + seller;
        return switch (kind) {
            case INVOICE -> "Invoice " + number + from;
            case REMINDER -> "Reminder: invoice " + number + from;
            case RECEIPT -> "Receipt for invoice " + number + from;
        };
    }

    public MimeMessage compose(EmailRow email, InvoiceData invoice, StoredPdf pdf, byte[] content)
            throws MessagingException {
        MimeMessage message = new StableIdMimeMessage(SESSION, email.messageId());
        MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED,
                StandardCharsets.UTF_8.name());
        PartyData seller = invoice.seller();
        String sellerName = seller == null || seller.name() == null ? "" : oneLine(seller.name());
        helper.setFrom(address(properties.from(), sellerName));
        if (seller != null && seller.email() != null && !seller.email().isBlank()) {
            helper.setReplyTo(address(oneLine(seller.email()), sellerName));
        }
        helper.setTo(parse(email.to()));
        if (!email.cc().isEmpty()) {
            helper.setCc(parse(email.cc()));
        }
        helper.setSubject(oneLine(email.subject()));
        helper.setSentDate(Date.from(Instant.now()));
        Map<String, Object> model = model(email, invoice, pdf.filename());
        helper.setText(text.execute(model), html.execute(model));
        helper.addAttachment(pdf.filename(), new ByteArrayResource(content), "application/pdf");
        message.setHeader("X-Billstream-Email-Id", email.id());
        return message;
    }

    private Map<String, Object> model(EmailRow email, InvoiceData invoice, String pdfName) {
        PartyData customer = invoice.customer();
        PartyData seller = invoice.seller();
        Locale locale = LocaleFormat.resolve(customer == null ? null : customer.locale(),
                seller == null ? null : seller.locale());
        LocaleFormat format = new LocaleFormat(locale, Currency.getInstance(invoice.currency()));
        Map<String, Object> model = new HashMap<>();
        model.put("invoice", email.kind() == EmailKind.INVOICE);
        model.put("reminder", email.kind() == EmailKind.REMINDER);
        model.put("receipt", email.kind() == EmailKind.RECEIPT);
        model.put("lang", locale.toLanguageTag());
        model.put("subject", email.subject());
        model.put("number", invoice.number());
        model.put("sellerName", seller == null ? "" : nullToEmpty(seller.name()));
        model.put("sellerEmail", seller == null ? "" : nullToEmpty(seller.email()));
        model.put("customerName", customer == null ? "" : nullToEmpty(customer.name()));
        model.put("amountDue", format.money(invoice.amountDue()));
        model.put("amountPaid", format.money(invoice.amountPaid()));
        model.put("dueDate", format.date(invoice.dueDate()));
        model.put("overdue", "overdue".equals(invoice.status()));
        if (invoice.lateFees() != null && new BigDecimal(invoice.lateFees()).signum() > 0) {
            model.put("lateFees", format.money(invoice.lateFees()));
        }
        // Raw HTML in the Markdown is escaped by the renderer (shown as text, never run).
        model.put("messageHtml", markdown.toHtml(email.message()));
        model.put("messageText", email.message() == null ? "" : email.message().strip());
        model.put("pdfName", pdfName);
        return model;
    }

    private static InternetAddress address(String email, String personal) throws MessagingException {
        try {
            return personal.isEmpty() ? new InternetAddress(email, true)
                    : new InternetAddress(email, personal, StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("cannot encode " + personal, e);
        }
    }

    private static InternetAddress[] parse(List<String> addresses) throws MessagingException {
        InternetAddress[] parsed = new InternetAddress[addresses.size()];
        for (int i = 0; i < parsed.length; i++) {
            parsed[i] = new InternetAddress(addresses.get(i), true);
        }
        return parsed;
    }

    /** Control characters (CR and LF above all) become spaces: a header value is always one line. */
    public static String oneLine(String value) {
        return value == null ? "" : value.replaceAll("[\\p{Cntrl}\\u2028\\u2029]+", " ").strip();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static Reader resource(String path) {
        try {
            return new InputStreamReader(new ClassPathResource(path).getInputStream(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("missing template " + path, e);
        }
    }

    /** {@code saveChanges()} would invent a new Message-ID on every attempt; an email keeps the one it was given. */
    static final class StableIdMimeMessage extends MimeMessage {
        private final String messageId;

        StableIdMimeMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
