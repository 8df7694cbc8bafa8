package io.billstream.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * There is no cluster on the build machine (and no helm), so this reads the Kustomize base and overlays under
 * deploy/ as plain YAML and checks them against the services' real configuration, as ComposeFileTest does for
 * compose: every service deployed with its real ports, probes on the actuator health groups the services enable,
 * every environment variable binding to a property Spring or the service really has, each service on its own
 * database, every secret a Deployment references provided by the dev overlay and documented for production,
 * memory sized from the benchmark, only the gateway's public port behind the Ingress, no Kafka or PostgreSQL pods,
 * and the dashboard and alerts reading only metrics the services publish.
 */
class KubernetesManifestsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path BASE = ROOT.resolve("deploy/kustomize/base");
    private static final Path OVERLAYS = ROOT.resolve("deploy/kustomize/overlays");
    private static final List<String> APPLICATIONS =
            List.of("invoice-service", "payment-service", "document-service", "webhook-service", "gateway");
    private static final Pattern JDBC_DATABASE = Pattern.compile("jdbc:postgresql://[^/]+/([a-z0-9_]+)");

    /** kind/name → manifest, everything the base's kustomization lists. */
    private static Map<String, Map<String, Object>> base;
    private static Map<String, Object> defaults;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        base = new LinkedHashMap<>();
        Map<String, Object> kustomization = readYaml(BASE.resolve("kustomization.yaml")).get(0);
        for (Object resource : (List<Object>) kustomization.get("resources")) {
            Path file = BASE.resolve(String.valueOf(resource));
            assertThat(file).as("resource of the base").exists();
            for (Map<String, Object> manifest : readYaml(file)) {
                base.put(manifest.get("kind") + "/" + name(manifest), manifest);
            }
        }
        defaults = flatten(readYaml(ROOT.resolve("platform/src/main/resources/billstream-defaults.yml")).get(0));
    }

    @Test
    void everyServiceIsDeployedWithServiceAutoscalerAndDisruptionBudget() {
        Set<String> deployments = new HashSet<>();
        base.forEach((key, manifest) -> {
            if (key.startsWith("Deployment/") || key.startsWith("StatefulSet/") || key.startsWith("DaemonSet/")) {
                deployments.add(name(manifest));
            }
        });
        assertThat(deployments).as("exactly the modules: the dashboard is served by the gateway, Kafka and "
                + "PostgreSQL are existing clusters").containsExactlyInAnyOrderElementsOf(APPLICATIONS);
        for (String app : APPLICATIONS) {
            Map<String, Object> deployment = manifest("Deployment", app);
            assertThat(text(deployment, "spec.selector.matchLabels.app\\.kubernetes\\.io/name")).isEqualTo(app);
            assertThat(container(app).get("image").toString()).isEqualTo("billstream/" + app + ":0.1.0");
            assertThat(ROOT.resolve(app).resolve("pom.xml")).exists();

            Map<String, Object> service = manifest("Service", app);
            assertThat(text(service, "spec.selector.app\\.kubernetes\\.io/name")).isEqualTo(app);

            Map<String, Object> hpa = manifest("HorizontalPodAutoscaler", app);
            assertThat(text(hpa, "spec.scaleTargetRef.kind")).isEqualTo("Deployment");
            assertThat(text(hpa, "spec.scaleTargetRef.name")).isEqualTo(app);
            assertThat(text(hpa, "spec.metrics[0].resource.name")).isEqualTo("cpu");
            assertThat(Integer.parseInt(text(hpa, "spec.minReplicas")))
                    .isLessThanOrEqualTo(Integer.parseInt(text(hpa, "spec.maxReplicas")));

            Map<String, Object> pdb = manifest("PodDisruptionBudget", app);
            assertThat(text(pdb, "spec.selector.matchLabels.app\\.kubernetes\\.io/name")).isEqualTo(app);
        }
        for (Map<String, Object> manifest : base.values()) {
            assertThat(String.valueOf(manifest)).as("no database or broker image").doesNotContainIgnoringCase(
                    "image=postgres").doesNotContainIgnoringCase("image=apache/kafka");
        }
    }

    @Test
    void portsAreTheServicesConfiguredPorts() throws IOException {
        for (String app : APPLICATIONS) {
            Map<String, Object> props = applicationProperties(app);
            int serverPort = Integer.parseInt(String.valueOf(props.get("server.port")));
            assertThat(containerPort(app, "http")).as(app + " http port").isEqualTo(serverPort);
            assertThat(servicePort(app, "http")).isEqualTo(serverPort);
            Object management = props.get("management.server.port");
            if (management != null) {
                assertThat(containerPort(app, "management")).isEqualTo(Integer.parseInt(management.toString()));
            }
        }
    }

    @Test
    void probesUseTheActuatorHealthGroupsOnThePortActuatorServes() throws IOException {
        assertThat(defaults.get("management.endpoint.health.probes.enabled")).as("liveness/readiness groups")
                .isEqualTo(true);
        for (String app : APPLICATIONS) {
            Map<String, Object> container = container(app);
            Object management = applicationProperties(app).get("management.server.port");
            String actuatorPort = management == null ? "http" : "management";
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                String path = text(container, probe + ".httpGet.path");
                assertThat(path).as(app + " " + probe).isEqualTo(probe.equals("readinessProbe")
                        ? "/actuator/health/readiness" : "/actuator/health/liveness");
                assertThat(text(container, probe + ".httpGet.port")).as(app + " " + probe + " port")
                        .isEqualTo(actuatorPort);
            }
            assertThat(Integer.parseInt(text(container, "startupProbe.periodSeconds"))
                    * Integer.parseInt(text(container, "startupProbe.failureThreshold")))
                    .as(app + ": start-up takes up to ~55 s on a busy host (docs/benchmarks.md)")
                    .isGreaterThanOrEqualTo(120);
        }
    }

    @Test
    void everyEnvironmentVariableBindsToARealProperty() throws IOException {
        Set<String> boot = bootProperties();
        Set<String> referenced = propertiesReferencedInSources();
        Map<String, Object> config = data("billstream-config");
        for (String app : APPLICATIONS) {
            Set<String> known = new HashSet<>(boot);
            known.addAll(referenced);
            applicationProperties(app).keySet().forEach(key -> known.add(canonical(key)));
            defaults.keySet().forEach(key -> known.add(canonical(key)));
            List<String> variables = new ArrayList<>(config.keySet());
            env(app).forEach(variable -> variables.add(String.valueOf(variable.get("name"))));
            for (String variable : variables) {
                if (variable.startsWith("JAVA_")) {
                    continue;
                }
                assertThat(known).as(app + ": " + variable + " must bind to a property Spring Boot, its "
                        + "application.yml, billstream-defaults.yml or its code reads").contains(canonical(variable));
            }
        }
    }

    @Test
    void eachServiceUsesItsOwnDatabaseInEveryOverlay() throws IOException {
        Map<String, Object> urls = data("billstream-databases");
        for (String app : APPLICATIONS) {
            Map<String, Object> url = envVar(app, "SPRING_DATASOURCE_URL");
            String key = text(url, "valueFrom.configMapKeyRef.key");
            assertThat(text(url, "valueFrom.configMapKeyRef.name")).isEqualTo("billstream-databases");
            String configured = database(String.valueOf(applicationProperties(app).get("spring.datasource.url")));
            assertThat(database(String.valueOf(urls.get(key)))).as(app).isEqualTo(configured);
            for (String overlay : overlays()) {
                String literal = generatorLiterals(overlay, "configMapGenerator", "billstream-databases").get(key);
                assertThat(literal).as(overlay + " sets " + key).isNotNull();
                assertThat(database(literal)).as(overlay + " " + key).isEqualTo(configured);
            }
        }
    }

    @Test
    void everySecretIsReferencedWhereNeededGeneratedForDevAndDocumentedForProduction() throws IOException {
        Map<String, Set<String>> referenced = new HashMap<>();
        for (String app : APPLICATIONS) {
            for (Map<String, Object> variable : env(app)) {
                String secret = text(variable, "valueFrom.secretKeyRef.name");
                if (secret != null) {
                    referenced.computeIfAbsent(secret, k -> new HashSet<>())
                            .add(text(variable, "valueFrom.secretKeyRef.key"));
                }
            }
            assertThat(text(envVar(app, "SPRING_DATASOURCE_USERNAME"), "valueFrom.secretKeyRef.name"))
                    .isEqualTo("billstream-database");
            assertThat(text(envVar(app, "SPRING_DATASOURCE_PASSWORD"), "valueFrom.secretKeyRef.name"))
                    .isEqualTo("billstream-database");
            assertThat(text(envVar(app, "BILLSTREAM_INTERNAL_TOKEN_SECRET"), "valueFrom.secretKeyRef.name"))
                    .isEqualTo("billstream-internal-token");
        }
        assertThat(text(envVar("gateway", "BILLSTREAM_GATEWAY_ACCESS_TOKEN_SECRET"), "valueFrom.secretKeyRef.name"))
                .isEqualTo("billstream-gateway-access-token");
        assertThat(referenced).containsKeys("billstream-database", "billstream-internal-token",
                "billstream-gateway-access-token", "billstream-smtp");
        assertThat(referenced.get("billstream-smtp")).containsExactlyInAnyOrder("host", "port", "username",
                "password");

        String operations = Files.readString(ROOT.resolve("docs/operations.md"));
        referenced.forEach((secret, keys) -> {
            Map<String, String> dev = generatorLiterals("dev", "secretGenerator", secret);
            assertThat(dev.keySet()).as("dev overlay generates " + secret).containsAll(keys);
            assertThat(operations).as("docs/operations.md shows how to create " + secret)
                    .containsPattern("kubectl (-n \\S+ )?create secret generic " + Pattern.quote(secret) + " ");
            keys.forEach(key -> assertThat(operations).as(secret + " key " + key + " in docs/operations.md")
                    .contains("--from-literal=" + key + "="));
        });
        assertThat(String.valueOf(readYaml(OVERLAYS.resolve("prod/kustomization.yaml")).get(0)))
                .as("nothing secret in the production overlay").doesNotContain("secretGenerator");
    }

    @Test
    void instancesAreNamedAfterTheirPodForStaticKafkaMembership() throws IOException {
        String platform = Files.readString(ROOT.resolve(
                "platform/src/main/java/io/billstream/platform/config/PlatformKafkaAutoConfiguration.java"));
        assertThat(platform).contains("billstream.instance-id");
        for (String app : APPLICATIONS) {
            assertThat(text(envVar(app, "BILLSTREAM_INSTANCE_ID"), "valueFrom.fieldRef.fieldPath"))
                    .isEqualTo("metadata.name");
        }
    }

    @Test
    void shutdownIsGracefulWithinTheTerminationGracePeriod() {
        assertThat(defaults.get("server.shutdown")).isEqualTo("graceful");
        int phase = seconds(String.valueOf(defaults.get("spring.lifecycle.timeout-per-shutdown-phase")));
        for (String app : APPLICATIONS) {
            Map<String, Object> deployment = manifest("Deployment", app);
            int grace = Integer.parseInt(text(deployment, "spec.template.spec.terminationGracePeriodSeconds"));
            @SuppressWarnings("unchecked")
            List<Object> command = (List<Object>) get(container(app), "lifecycle.preStop.exec.command");
            int preStop = Integer.parseInt(String.valueOf(command.get(command.size() - 1)));
            // the web server's graceful phase and the phase stopping listeners and workers, then a margin
            assertThat(grace).as(app).isGreaterThanOrEqualTo(preStop + 2 * phase + 5);
        }
    }

    @Test
    void memoryIsSizedFromTheBenchmarksMeasuredRss() throws IOException {
        Map<String, double[]> rss = benchmarkRss();
        for (String app : APPLICATIONS) {
            double[] measured = rss.get(app);
            assertThat(measured).as("docs/benchmarks.md footprint row for " + app).isNotNull();
            double request = mebibytes(text(container(app), "resources.requests.memory"));
            double limit = mebibytes(text(container(app), "resources.limits.memory"));
            assertThat(request).as(app + " request ≥ RSS at rest").isGreaterThanOrEqualTo(measured[0]);
            double peak = Math.max(measured[1], measured[2]);
            assertThat(limit).as(app + " limit ≥ peak RSS + 25 %").isGreaterThanOrEqualTo(peak * 1.25);
            assertThat(text(container(app), "resources.requests.cpu")).isNotNull();
        }
    }

    @Test
    void onlyTheGatewaysPublicPortIsBehindTheIngress() throws IOException {
        Map<String, Object> ingress = manifest("Ingress", "billstream");
        String rules = String.valueOf(get(ingress, "spec.rules"));
        assertThat(rules).contains("name=gateway").contains("port={name=http}").doesNotContain("management");
        assertThat(servicePort("gateway", "http")).isEqualTo(
                Integer.parseInt(String.valueOf(applicationProperties("gateway").get("server.port"))));
        for (String app : APPLICATIONS) {
            assertThat(text(manifest("Service", app), "spec.type")).isEqualTo("ClusterIP");
        }
    }

    @Test
    void gatewayRoutesPointAtTheServicesOnTheirPorts() throws IOException {
        for (String app : APPLICATIONS.subList(0, 4)) {
            String key = "BILLSTREAM_GATEWAY_ROUTES_" + app.replace("-service", "").toUpperCase();
            Object port = applicationProperties(app).get("server.port");
            assertThat(String.valueOf(envVar("gateway", key).get("value"))).isEqualTo("http://" + app + ":" + port);
            assertThat(servicePort(app, "http")).isEqualTo(Integer.parseInt(port.toString()));
        }
    }

    @Test
    void overlaysBuildOnTheBaseAndPatchOnlyWhatItHas() {
        for (String overlay : overlays()) {
            Map<String, Object> kustomization = readYaml(OVERLAYS.resolve(overlay).resolve("kustomization.yaml"))
                    .get(0);
            assertThat(String.valueOf(kustomization.get("resources"))).contains("../../base");
            assertThat(kustomization.get("namespace")).as(overlay + " namespace").isNotNull();
            for (Object component : listOf(kustomization.get("components"))) {
                assertThat(OVERLAYS.resolve(overlay).resolve(component.toString()).resolve("kustomization.yaml"))
                        .exists();
            }
            for (Object patch : listOf(kustomization.get("patches"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> target = (Map<String, Object>) ((Map<String, Object>) patch).get("target");
                String kind = String.valueOf(target.get("kind"));
                Object targetName = target.get("name");
                assertThat(base.keySet()).as(overlay + " patches " + target).anyMatch(key ->
                        key.startsWith(kind + "/") && (targetName == null || key.equals(kind + "/" + targetName)));
            }
            for (Object generator : listOf(kustomization.get("configMapGenerator"))) {
                @SuppressWarnings("unchecked")
                Map<String, Object> g = (Map<String, Object>) generator;
                if ("merge".equals(g.get("behavior"))) {
                    assertThat(base).as(overlay + " merges into " + g.get("name"))
                            .containsKey("ConfigMap/" + g.get("name"));
                }
            }
        }
    }

    @Test
    void strimziTopicsAreTheTopicsTheServicesUse() throws IOException {
        String topicsSource = Files.readString(ROOT.resolve(
                "platform/src/main/java/io/billstream/platform/events/Topics.java"));
        Set<String> expected = new HashSet<>();
        Matcher m = Pattern.compile("\"(billstream\\.[a-z]+\\.v\\d+)\"").matcher(topicsSource);
        while (m.find()) {
            expected.add(m.group(1));
            expected.add(m.group(1) + ".dlt");
        }
        Set<String> declared = new HashSet<>();
        for (Map<String, Object> topic : readYaml(ROOT.resolve(
                "deploy/kustomize/components/strimzi-topics/topics.yaml"))) {
            declared.add(text(topic, "spec.topicName"));
        }
        assertThat(expected).hasSize(8);
        assertThat(declared).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void dashboardAndAlertsReadOnlyMetricsTheServicesPublish() throws IOException {
        String constants = Files.readString(ROOT.resolve(
                "platform/src/main/java/io/billstream/platform/observability/BillstreamMetrics.java"));
        Set<String> published = new HashSet<>();
        Matcher m = Pattern.compile("= \"([a-z.]+)\";").matcher(constants);
        while (m.find()) {
            published.add(m.group(1).replace('.', '_'));
        }
        assertThat(published).contains("billstream_email_queue_depth", "billstream_email_failed",
                "billstream_kafka_consumer_lag", "billstream_outbox_pending", "billstream_pdf_render");
        Path monitoring = ROOT.resolve("deploy/monitoring");
        String rules = Files.readString(monitoring.resolve("prometheus-rules.yaml"));
        JsonNode dashboard = new ObjectMapper().readTree(monitoring.resolve("billstream-dashboard.json").toFile());
        Set<String> used = new HashSet<>();
        Matcher names = Pattern.compile("\\b(billstream_[a-z_]+|http_server_requests_[a-z_]+)").matcher(
                rules + dashboard);
        while (names.find()) {
            used.add(names.group(1));
        }
        for (String name : used) {
            assertThat(published).as(name + " is a BillstreamMetrics name plus a Prometheus suffix")
                    .anyMatch(p -> name.equals(p) || name.matches(Pattern.quote(p)
                            + "(_seconds|_events|_records)?(_total|_bucket|_count|_sum|_max)?"));
        }
        for (String alert : List.of("BillstreamConsumerLagGrowing", "BillstreamDeadLetters",
                "BillstreamWebhookEndpointDisabled", "BillstreamEmailFailures", "BillstreamOutboxBacklog")) {
            assertThat(rules).contains("alert: " + alert);
        }
        assertThat(readYaml(monitoring.resolve("prometheus-rules.yaml")).get(0).get("kind"))
                .isEqualTo("PrometheusRule");
        assertThat(dashboard.path("panels").size()).isGreaterThan(10);
    }

    // --- reading the manifests

    private static Map<String, Object> manifest(String kind, String name) {
        Map<String, Object> manifest = base.get(kind + "/" + name);
        assertThat(manifest).as(kind + " " + name + " in deploy/kustomize/base").isNotNull();
        return manifest;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(String app) {
        List<Object> containers = (List<Object>) get(manifest("Deployment", app), "spec.template.spec.containers");
        assertThat(containers).hasSize(1);
        return (Map<String, Object>) containers.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> env(String app) {
        return (List<Map<String, Object>>) container(app).get("env");
    }

    private static Map<String, Object> envVar(String app, String name) {
        return env(app).stream().filter(v -> name.equals(v.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(app + " has no environment variable " + name));
    }

    @SuppressWarnings("unchecked")
    private static int containerPort(String app, String name) {
        for (Object port : (List<Object>) container(app).get("ports")) {
            Map<String, Object> p = (Map<String, Object>) port;
            if (name.equals(p.get("name"))) {
                return (Integer) p.get("containerPort");
            }
        }
        throw new AssertionError(app + " has no container port " + name);
    }

    @SuppressWarnings("unchecked")
    private static int servicePort(String app, String name) {
        for (Object port : (List<Object>) get(manifest("Service", app), "spec.ports")) {
            Map<String, Object> p = (Map<String, Object>) port;
            if (name.equals(p.get("name"))) {
                assertThat(p.get("targetPort")).isEqualTo(name);
                return (Integer) p.get("port");
            }
        }
        throw new AssertionError(app + " Service has no port " + name);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(String configMap) {
        return (Map<String, Object>) manifest("ConfigMap", configMap).get("data");
    }

    private static List<String> overlays() {
        try (Stream<Path> dirs = Files.list(OVERLAYS)) {
            List<String> names = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted()
                    .toList();
            assertThat(names).contains("dev", "prod");
            return names;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The literals of a generator ({@code secretGenerator}/{@code configMapGenerator}) in an overlay. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> generatorLiterals(String overlay, String generators, String name) {
        Map<String, String> literals = new HashMap<>();
        Map<String, Object> kustomization = readYaml(OVERLAYS.resolve(overlay).resolve("kustomization.yaml")).get(0);
        for (Object generator : listOf(kustomization.get(generators))) {
            Map<String, Object> g = (Map<String, Object>) generator;
            if (name.equals(g.get("name"))) {
                for (Object literal : listOf(g.get("literals"))) {
                    String text = String.valueOf(literal);
                    int eq = text.indexOf('=');
                    literals.put(text.substring(0, eq), text.substring(eq + 1));
                }
            }
        }
        return literals;
    }

    private static List<?> listOf(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }

    private static String name(Map<String, Object> manifest) {
        return String.valueOf(((Map<?, ?>) manifest.get("metadata")).get("name"));
    }

    /** A dotted path with {@code [i]} list indexes; {@code \.} escapes a dot inside a key. */
    private static Object get(Map<String, Object> node, String path) {
        Object current = node;
        for (String part : path.split("(?<!\\\\)\\.")) {
            String key = part.replace("\\.", ".");
            Integer index = null;
            Matcher m = Pattern.compile("(.*)\\[(\\d+)]").matcher(key);
            if (m.matches()) {
                key = m.group(1);
                index = Integer.parseInt(m.group(2));
            }
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
            if (index != null) {
                current = current instanceof List<?> list && list.size() > index ? list.get(index) : null;
            }
        }
        return current;
    }

    private static String text(Map<String, Object> node, String path) {
        Object value = get(node, path);
        return value == null ? null : String.valueOf(value);
    }

    private static int seconds(String duration) {
        assertThat(duration).matches("\\d+s");
        return Integer.parseInt(duration.substring(0, duration.length() - 1));
    }

    private static double mebibytes(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Double.parseDouble(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        assertThat(quantity).endsWith("Mi");
        return Double.parseDouble(quantity.substring(0, quantity.length() - 2));
    }

    /** process → RSS at rest, peak on the write path, peak end to end, from section 4's table, by column name. */
    private static Map<String, double[]> benchmarkRss() throws IOException {
        Map<String, double[]> rss = new HashMap<>();
        List<String> lines = Files.readAllLines(ROOT.resolve("docs/benchmarks.md"));
        int header = -1;
        for (int i = 0; i < lines.size() && header < 0; i++) {
            if (lines.get(i).startsWith("| process | RSS at rest MiB |")) {
                header = i;
            }
        }
        assertThat(header).as("section 4's footprint table in docs/benchmarks.md").isNotNegative();
        List<String> columns = cells(lines.get(header));
        int atRest = columns.indexOf("RSS at rest MiB");
        int writePeak = columns.indexOf("peak RSS, write path MiB");
        int e2ePeak = columns.indexOf("peak RSS, end-to-end MiB");
        assertThat(List.of(atRest, writePeak, e2ePeak)).as("footprint columns").doesNotContain(-1);
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> row = cells(lines.get(i));
            if (row.get(0).matches("[a-z-]+")) {
                rss.put(row.get(0), new double[] {Double.parseDouble(row.get(atRest)),
                        Double.parseDouble(row.get(writePeak)), Double.parseDouble(row.get(e2ePeak))});
            }
        }
        return rss;
    }

    private static List<String> cells(String tableRow) {
        String inner = tableRow.substring(1, tableRow.lastIndexOf('|'));
        return Arrays.stream(inner.split("\\|")).map(String::trim).toList();
    }

    private static String database(String jdbcUrl) {
        Matcher m = JDBC_DATABASE.matcher(jdbcUrl);
        assertThat(m.find()).as("JDBC URL " + jdbcUrl).isTrue();
        return m.group(1);
    }

    // --- what Spring can bind

    /** Every property Spring Boot (and its actuator) documents in its configuration metadata. */
    private static Set<String> bootProperties() throws IOException {
        Set<String> names = new HashSet<>();
        ObjectMapper mapper = new ObjectMapper();
        Enumeration<URL> resources = KubernetesManifestsTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json");
        while (resources.hasMoreElements()) {
            try (InputStream in = resources.nextElement().openStream()) {
                for (JsonNode property : mapper.readTree(in).path("properties")) {
                    names.add(canonical(property.path("name").asText()));
                }
            }
        }
        assertThat(names).as("Boot's metadata is on the classpath").contains(canonical("spring.mail.host"),
                canonical("management.otlp.tracing.endpoint"), canonical("spring.flyway.lock-retry-count"));
        return names;
    }

    /** Properties the services' code reads by name: {@code ${name}} and {@code @ConditionalOnProperty("name")}. */
    private static Set<String> propertiesReferencedInSources() throws IOException {
        Set<String> names = new HashSet<>();
        Pattern reference = Pattern.compile("\\$\\{([a-z0-9.-]+)[:}]|OnProperty\\(\"([a-z0-9.-]+)\"");
        for (String module : Stream.concat(Stream.of("platform"), APPLICATIONS.stream()).toList()) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = reference.matcher(Files.readString(file));
                    while (m.find()) {
                        names.add(canonical(m.group(1) != null ? m.group(1) : m.group(2)));
                    }
                }
            }
        }
        return names;
    }

    /**
     * Spring's relaxed binding reduced to one form: lower case without separators, because an environment
     * variable cannot tell {@code bootstrap-servers} from {@code bootstrap.servers}.
     */
    private static String canonical(String name) {
        return name.toLowerCase().replaceAll("\\[\\d+]", "").replaceAll("[._-]", "");
    }

    private static Map<String, Object> applicationProperties(String app) throws IOException {
        return flatten(readYaml(ROOT.resolve(app).resolve("src/main/resources/application.yml")).get(0));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> readYaml(Path path) {
        try (Reader reader = Files.newBufferedReader(path)) {
            List<Map<String, Object>> documents = new ArrayList<>();
            for (Object document : new Yaml().loadAll(reader)) {
                if (document instanceof Map<?, ?> map) {
                    documents.add((Map<String, Object>) map);
                }
            }
            return documents;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, Object> flatten(Map<String, Object> tree) {
        Map<String, Object> flat = new LinkedHashMap<>();
        flatten("", tree, flat);
        return flat;
    }

    private static void flatten(String prefix, Object node, Map<String, Object> flat) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
                flatten(key, e.getValue(), flat);
            }
        } else {
            flat.put(prefix, node);
        }
    }
}
