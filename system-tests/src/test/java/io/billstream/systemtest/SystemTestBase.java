package io.billstream.systemtest;

import io.billstream.systemtest.support.Api;
import io.billstream.systemtest.support.Reply;
import io.billstream.systemtest.support.StackExtension;
import io.billstream.systemtest.support.SystemStack;
import io.billstream.systemtest.support.Tenant;
import io.billstream.systemtest.support.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Every system test shares the one stack the extension starts, and has its own webhook receiver. */
@ExtendWith(StackExtension.class)
abstract class SystemTestBase {

    protected static WebhookReceiver receiver;

    @BeforeAll
    static void startReceiver() {
        receiver = WebhookReceiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    /** A test that failed half-way through a fault leaves no hole for the next one. */
    @AfterEach
    void restoreStack() {
        stack().restoreIfBroken();
    }

    protected static SystemStack stack() {
        return SystemStack.start();
    }

    /**
     * Creates and issues {@code count} one-line USD invoices of {@code amount} from {@code threads} client
     * threads (concurrent issues across the invoice-service instances), returning their ids. Robust to an instance
     * dying in between: a repeated issue that meets an already issued invoice (409) counts as issued once the
     * invoice reads back with a number.
     */
    protected static List<String> issueInvoices(Tenant tenant, String customerId, int count, String amount,
                                                int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<String>> tasks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                tasks.add(() -> {
                    String id = tenant.createSimpleDraft(customerId, amount, "Monthly retainer #" + n);
                    Reply issued = tenant.key().postReliably("/v1/invoices/" + id + "/issue", Map.of());
                    if (issued.status() == 409 && "invoice_not_draft".equals(issued.code())) {
                        issued = tenant.key().getReliably("/v1/invoices/" + id);
                    }
                    assertThat(issued.status()).as(issued.describe()).isEqualTo(200);
                    assertThat(issued.str("number")).as(issued.describe()).isNotNull();
                    return id;
                });
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> future : pool.invokeAll(tasks)) {
                ids.add(future.get());
            }
            return ids;
        } catch (Exception e) {
            throw new AssertionError("issuing " + count + " invoices failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A fresh tenant with settings, a customer and an endpoint for {@code events} at {@code /hooks/<hook>}. */
    protected static Scenario scenario(String label, List<String> events) {
        Tenant tenant = Tenant.signUp(label);
        Reply settings = tenant.putSettings("USD", "0");
        assertThat(settings.status()).as(settings.describe()).isEqualTo(200);
        String[] endpoint = tenant.registerEndpoint(receiver.url(label), events);
        receiver.secret(label, endpoint[1]);
        String customerId = tenant.createCustomer("Initech " + label);
        return new Scenario(tenant, customerId, endpoint[0], label);
    }

    protected record Scenario(Tenant tenant, String customerId, String endpointId, String hook) {
        Api api() {
            return tenant.key();
        }
    }

    protected static final List<String> LEDGER_EVENTS =
            List.of("invoice.issued", "invoice.paid", "payment.recorded", "payment.refunded");

    protected static final Duration LOAD_PATIENCE = Duration.ofMinutes(8);
}
