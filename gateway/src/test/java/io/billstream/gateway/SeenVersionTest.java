package io.billstream.gateway;

import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.security.SeenVersion;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 "false 409 under load": the version of an invoice the client was answered with (the issue's ETag) goes
 * with the client's next payment of that invoice, signed into the internal token, so payment-service can say
 * "not yet" instead of "draft". The same for a send of that invoice by email, which document-service answers.
 */
class SeenVersionTest extends GatewayIntegrationTest {

    @Autowired
    InternalTokenService tokens;

    @Test
    void aPaymentRightAfterAnIssueCarriesTheIssuedVersionForThatTenantOnly() {
        Account alice = signUp();
        Account bob = signUp();
        String invoiceId = unique("inv_");
        HttpResponse<String> issued = post("/v1/invoices/" + invoiceId + "/issue", alice.token(), "{}");
        assertThat(issued.headers().firstValue("ETag")).hasValue("\"7\"");
        String body = "{\"invoiceId\": \"" + invoiceId + "\", \"amount\": \"1.00\", \"currency\": \"USD\","
                + " \"method\": \"card\"}";

        HttpResponse<String> paid = post("/v1/payments", alice.token(), body, "Idempotency-Key", unique("idem-"));
        post("/v1/payments", bob.token(), body);

        assertThat(paid.statusCode()).isEqualTo(201);
        var seen = StandIns.payment.seenWithPath("/v1/payments").stream()
                .filter(s -> s.body().contains(invoiceId)).toList();
        assertThat(seen).hasSize(2);
        // the body reaches the service unchanged although the gateway read it
        assertThat(seen.getFirst().body()).isEqualTo(body);
        SeenVersion forAlice = tokens.verifyRequest(seen.get(0).header(InternalTokenService.HEADER)).orElseThrow()
                .seenVersion();
        SeenVersion forBob = tokens.verifyRequest(seen.get(1).header(InternalTokenService.HEADER)).orElseThrow()
                .seenVersion();
        assertThat(forAlice).isEqualTo(new SeenVersion(invoiceId, 7));
        assertThat(forBob).as("another tenant has seen nothing of it").isNull();
    }

    @Test
    void aPaymentRightAfterCreatingAnIssuedInvoiceCarriesTheCreatedVersion() {
        Account alice = signUp();
        HttpResponse<String> created = post("/v1/invoices", alice.token(), "{\"issue\": true}");
        assertThat(created.statusCode()).isEqualTo(201);
        String invoiceId = created.headers().firstValue("Location").orElseThrow().substring("/v1/invoices/".length());
        assertThat(invoiceId).startsWith("inv_");
        String body = "{\"invoiceId\": \"" + invoiceId + "\", \"amount\": \"1.00\", \"currency\": \"USD\","
                + " \"method\": \"card\"}";

        String draftId = post("/v1/invoices", alice.token(), "{}").headers().firstValue("Location").orElseThrow()
                .substring("/v1/invoices/".length());

        post("/v1/payments", alice.token(), body);
        post("/v1/payments", alice.token(), body.replace(invoiceId, draftId));

        assertThat(seenVersionOfPaymentFor(invoiceId)).isEqualTo(new SeenVersion(invoiceId, 2));
        assertThat(seenVersionOfPaymentFor(draftId)).as("a draft cannot be paid: not noted").isNull();
    }

    @Test
    void aSendRightAfterAnIssueCarriesTheIssuedVersionOfThatInvoiceOnly() {
        Account alice = signUp();
        String invoiceId = unique("inv_");
        String otherId = unique("inv_");
        assertThat(post("/v1/invoices/" + invoiceId + "/issue", alice.token(), "{}").statusCode()).isEqualTo(201);

        assertThat(post("/v1/invoices/" + invoiceId + "/send", alice.token(), "{}").statusCode()).isEqualTo(201);
        post("/v1/invoices/" + otherId + "/send", alice.token(), "{}");

        assertThat(seenVersionOfSend(invoiceId)).isEqualTo(new SeenVersion(invoiceId, 7));
        assertThat(seenVersionOfSend(otherId)).as("an invoice this tenant was not answered with").isNull();
    }

    @Test
    void graphQlMutationsFollowTheSameRuleAsRest() {
        Account alice = signUp();
        String invoiceId = unique("inv_");
        String otherId = unique("inv_");

        HttpResponse<String> issued = graphQl(alice, """
                mutation { issueInvoice(id: "%s") { id } }""".formatted(invoiceId));
        graphQl(alice, """
                mutation { recordPayment(input: {invoiceId: "%s", amount: "1.00", currency: "USD", method: card}) {
                  id } }""".formatted(invoiceId));
        graphQl(alice, """
                mutation { sendInvoice(id: "%s") { id } }""".formatted(invoiceId));
        graphQl(alice, """
                mutation { sendInvoice(id: "%s") { id } }""".formatted(otherId));

        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        assertThat(seenVersionOfPaymentFor(invoiceId)).isEqualTo(new SeenVersion(invoiceId, 7));
        assertThat(seenVersionOfSend(invoiceId)).isEqualTo(new SeenVersion(invoiceId, 7));
        assertThat(seenVersionOfSend(otherId)).as("an invoice this tenant was not answered with").isNull();
    }

    private HttpResponse<String> graphQl(Account account, String query) {
        return post("/v1/graphql", account.token(), JSON.createObjectNode().put("query", query).toString(),
                "Idempotency-Key", unique("gql-"));
    }

    private SeenVersion seenVersionOfSend(String invoiceId) {
        var seen = StandIns.document.seenWithPath("/v1/invoices/" + invoiceId + "/send");
        assertThat(seen).hasSize(1);
        return tokens.verifyRequest(seen.getFirst().header(InternalTokenService.HEADER)).orElseThrow().seenVersion();
    }

    private SeenVersion seenVersionOfPaymentFor(String invoiceId) {
        var seen = StandIns.payment.seenWithPath("/v1/payments").stream()
                .filter(s -> s.body().contains(invoiceId)).toList();
        assertThat(seen).hasSize(1);
        return tokens.verifyRequest(seen.getFirst().header(InternalTokenService.HEADER)).orElseThrow().seenVersion();
    }
}
