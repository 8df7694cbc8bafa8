package io.billstream.invoice;

import com.fasterxml.jackson.databind.JsonNode;
import io.billstream.invoice.settings.domain.BillingSettings;
import io.billstream.invoice.settings.domain.BillingSettingsSource;
import io.billstream.invoice.customers.domain.CustomerDirectory;
import io.billstream.platform.events.data.AddressData;
import io.billstream.platform.events.data.EmailSettingsData;
import io.billstream.platform.events.data.PartyData;
import io.billstream.platform.security.Actor;
import io.billstream.platform.security.ActorType;
import io.billstream.platform.security.Caller;
import io.billstream.platform.security.InternalTokenService;
import io.billstream.platform.security.TenantId;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Settings over HTTP, and the two seams invoices read customers and settings through. */
@ServiceIntegrationTest
class SettingsApiTest {

    private static final String FULL = """
            {"seller": {"name": "Acme Studio GmbH", "email": "billing@acme.example",
                        "address": {"line1": "Torstraße 5", "city": "Berlin", "postalCode": "10119", "country": "DE"},
                        "taxId": "DE811907980"},
             "defaultCurrency": "EUR", "paymentTermsDays": 30, "lateFeePercentPerMonth": "1.50",
             "numberFormat": "ACME-{yy}/{seq:4}", "defaultNotes": "Thank you!", "defaultTerms": "**Net 30**",
             "locale": "de-DE"}""";

    @Autowired
    InternalTokenService tokens;
    @Autowired
    BillingSettingsSource settingsSource;
    @Autowired
    CustomerDirectory directory;
    @Value("${local.server.port}")
    int port;

    CustomerHttp http;

    @BeforeEach
    void newTenant() {
        http = new CustomerHttp(tokens, port);
    }

    @Test
    void beforeTheFirstPutTheDefaultsApplyWithTheOrganizationAsSeller() {
        CustomerHttp.Response response = http.get("/v1/settings");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("seller").get("name").asText()).isEqualTo("Acme Studio");
        assertThat(body.get("seller").get("email").isNull()).isTrue();
        assertThat(body.get("seller").get("address").isNull()).isTrue();
        assertThat(body.get("defaultCurrency").asText()).isEqualTo("USD");
        assertThat(body.get("paymentTermsDays").asInt()).isEqualTo(14);
        assertThat(body.get("lateFeePercentPerMonth").isTextual()).isTrue();
        assertThat(body.get("lateFeePercentPerMonth").asText()).isEqualTo("0");
        assertThat(body.get("numberFormat").asText()).isEqualTo("{yyyy}-{seq:3}");
        assertThat(body.get("defaultNotes").isNull()).isTrue();
        assertThat(body.get("defaultTerms").isNull()).isTrue();
        assertThat(body.get("locale").asText()).isEqualTo("en-US");

        BillingSettings seam = settingsSource.settingsFor(caller(http.tenant, "Acme Studio"));
        assertThat(seam.seller().name()).isEqualTo("Acme Studio");
        assertThat(seam.defaultCurrency()).isEqualTo("USD");
        assertThat(seam.paymentTermsDays()).isEqualTo(14);
        assertThat(seam.lateFeePercentPerMonth()).isEqualByComparingTo("0");
        assertThat(seam.numberFormat()).isEqualTo("{yyyy}-{seq:3}");
        assertThat(seam.locale()).isEqualTo("en-US");
    }

    @Test
    void putReplacesTheDocumentAndGetReturnsIt() {
        CustomerHttp.Response put = http.put("/v1/settings", FULL);

        assertThat(put.status()).isEqualTo(200);
        JsonNode body = put.json();
        assertThat(body.get("seller").get("name").asText()).isEqualTo("Acme Studio GmbH");
        assertThat(body.get("seller").get("address").get("line1").asText()).isEqualTo("Torstraße 5");
        assertThat(body.get("seller").get("taxId").asText()).isEqualTo("DE811907980");
        assertThat(body.get("defaultCurrency").asText()).isEqualTo("EUR");
        assertThat(body.get("paymentTermsDays").asInt()).isEqualTo(30);
        assertThat(body.get("lateFeePercentPerMonth").asText()).isEqualTo("1.5");
        assertThat(body.get("numberFormat").asText()).isEqualTo("ACME-{yy}/{seq:4}");
        assertThat(body.get("defaultNotes").asText()).isEqualTo("Thank you!");
        assertThat(body.get("defaultTerms").asText()).isEqualTo("**Net 30**");
        assertThat(body.get("locale").asText()).isEqualTo("de-DE");
        assertThat(http.get("/v1/settings").json()).isEqualTo(body);

        BillingSettings seam = settingsSource.settingsFor(caller(http.tenant, "Acme Studio"));
        assertThat(seam.seller()).isEqualTo(new PartyData("Acme Studio GmbH", "billing@acme.example",
                new AddressData("Torstraße 5", null, "Berlin", null, "10119", "DE"), "DE811907980", "de-DE"));
        assertThat(seam.lateFeePercentPerMonth()).isEqualByComparingTo(new BigDecimal("1.5"));
        assertThat(seam.paymentTermsDays()).isEqualTo(30);
    }

    @Test
    void aSecondPutReplacesEverythingOmittedFieldsFallBackToDefaults() {
        assertThat(http.put("/v1/settings", FULL).status()).isEqualTo(200);

        CustomerHttp.Response put = http.put("/v1/settings", """
                {"seller": {"name": "Acme Two", "email": "two@acme.example",
                            "address": {"line1": "1 Road", "city": "Vienna", "postalCode": "1010", "country": "AT"}}}""");

        assertThat(put.status()).isEqualTo(200);
        JsonNode body = http.get("/v1/settings").json();
        assertThat(body).isEqualTo(put.json());
        assertThat(body.get("seller").get("name").asText()).isEqualTo("Acme Two");
        assertThat(body.get("seller").get("taxId").isNull()).isTrue();
        assertThat(body.get("defaultCurrency").asText()).isEqualTo("USD");
        assertThat(body.get("paymentTermsDays").asInt()).isEqualTo(14);
        assertThat(body.get("lateFeePercentPerMonth").asText()).isEqualTo("0");
        assertThat(body.get("numberFormat").asText()).isEqualTo("{yyyy}-{seq:3}");
        assertThat(body.get("defaultNotes").isNull()).isTrue();
        assertThat(body.get("locale").asText()).isEqualTo("en-US");
    }

    @Test
    void emailSettingsDefaultToNothingAutomaticAreReplacedByPutAndValidated() {
        JsonNode defaults = http.get("/v1/settings").json();
        assertThat(defaults.get("sendInvoicesOnIssue").asBoolean(true)).isFalse();
        assertThat(defaults.get("reminderOffsetsDays")).isEmpty();
        assertThat(defaults.get("sendReceipts").asBoolean(true)).isFalse();

        String withEmail = FULL.substring(0, FULL.lastIndexOf('}'))
                + ", \"sendInvoicesOnIssue\": true, \"reminderOffsetsDays\": [7, -3], \"sendReceipts\": true}";
        CustomerHttp.Response put = http.put("/v1/settings", withEmail);
        assertThat(put.status()).isEqualTo(200);
        JsonNode body = http.get("/v1/settings").json();
        assertThat(body).isEqualTo(put.json());
        assertThat(body.get("sendInvoicesOnIssue").asBoolean()).isTrue();
        assertThat(body.get("reminderOffsetsDays")).extracting(JsonNode::asInt).containsExactly(-3, 7);
        assertThat(body.get("sendReceipts").asBoolean()).isTrue();
        BillingSettings seam = settingsSource.settingsFor(caller(http.tenant, "Acme Studio"));
        assertThat(seam.email()).isEqualTo(new EmailSettingsData(true, List.of(-3, 7), true));

        for (String offsets : List.of("[400]", "[1, 1]", "[null]", "[1,2,3,4,5,6,7,8,9,10,11]")) {
            CustomerHttp.Response refused = http.put("/v1/settings", FULL.substring(0, FULL.lastIndexOf('}'))
                    + ", \"reminderOffsetsDays\": " + offsets + "}");
            assertThat(refused.status()).as(offsets).isEqualTo(422);
            assertThat(refused.json().get("code").asText()).isEqualTo("validation_failed");
        }
        // Refused PUTs change nothing.
        assertThat(http.get("/v1/settings").json()).isEqualTo(body);

        // A PUT without them falls back to the defaults, like every omitted field.
        assertThat(http.put("/v1/settings", FULL).json().get("reminderOffsetsDays")).isEmpty();
    }

    @Test
    void settingsAreKeptPerTenant() {
        assertThat(http.put("/v1/settings", FULL).status()).isEqualTo(200);
        CustomerHttp other = new CustomerHttp(tokens, port, "ten_other" + System.nanoTime(), "Other Org");

        JsonNode theirs = other.get("/v1/settings").json();

        assertThat(theirs.get("seller").get("name").asText()).isEqualTo("Other Org");
        assertThat(theirs.get("defaultCurrency").asText()).isEqualTo("USD");
    }

    @Test
    void customerDirectoryReturnsBillableCustomersOfTheTenantOnly() {
        String id = http.post("/v1/customers", """
                {"name": "Stark Industries", "email": "ap@stark.example", "taxId": "US-1", "locale": "en-GB",
                 "address": {"line1": "10880 Malibu Point", "city": "Malibu", "region": "CA", "postalCode": "90265",
                             "country": "US"}}""").json().get("id").asText();

        assertThat(directory.findBillable(new TenantId(http.tenant), id)).contains(new PartyData("Stark Industries",
                "ap@stark.example", new AddressData("10880 Malibu Point", null, "Malibu", "CA", "90265", "US"),
                "US-1", "en-GB"));
        assertThat(directory.findBillable(new TenantId("ten_someoneelse"), id)).isEmpty();
        assertThat(directory.findBillable(new TenantId(http.tenant), "cus_missing")).isEmpty();

        assertThat(http.delete("/v1/customers/" + id).status()).isEqualTo(204);
        assertThat(directory.findBillable(new TenantId(http.tenant), id)).isEmpty();
    }

    private static Caller caller(String tenant, String organization) {
        return new Caller(new TenantId(tenant), new Actor(ActorType.USER, "usr_1"), organization, true);
    }
}
