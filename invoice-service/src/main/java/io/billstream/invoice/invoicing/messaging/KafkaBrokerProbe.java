package io.billstream.invoice.invoicing.messaging;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Whether a Kafka broker answers right now: a cluster description within a short timeout, on one kept client. */
final class KafkaBrokerProbe implements AutoCloseable {

    private static final int TIMEOUT_MS = 1_500;

    private final Map<String, Object> adminSettings;
    private Admin admin;

    KafkaBrokerProbe(Map<String, Object> adminSettings) {
        this.adminSettings = adminSettings;
    }

    synchronized boolean answers() {
        try {
            if (admin == null) {
                admin = Admin.create(adminSettings);
            }
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
                    .nodes().get(TIMEOUT_MS * 2L, TimeUnit.MILLISECONDS).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
