package io.billstream.testsupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Docker cannot run on the build machine, so this keeps docker-compose.yml honest against the services' real
 * configuration: service names are modules, healthchecks probe each service's real port, every database a
 * service is pointed at is created by the init script, every environment variable binds to a property the
 * service actually has, the gateway's routes point at real services, and only the gateway is published.
 */
class ComposeFileTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> APPLICATIONS =
            List.of("invoice-service", "payment-service", "document-service", "webhook-service", "gateway");
    private static final Pattern JDBC_DATABASE = Pattern.compile("jdbc:postgresql://[^/]+/([a-z0-9_]+)");

    private static Map<String, Map<String, Object>> services;
    private static Map<String, Object> defaults;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        Map<String, Object> compose = readYaml(ROOT.resolve("docker-compose.yml"));
        services = (Map<String, Map<String, Object>>) compose.get("services");
        defaults = flatten(readYaml(ROOT.resolve("platform/src/main/resources/billstream-defaults.yml")));
    }

    @Test
    void composeRunsExactlyTheModulesPlusInfrastructure() {
        Set<String> expected = new HashSet<>(APPLICATIONS);
        expected.add("postgres");
        expected.add("kafka");
        expected.add("greenmail");
        assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        for (String app : APPLICATIONS) {
            assertThat(ROOT.resolve(app).resolve("pom.xml")).exists();
            assertThat(buildArgs(app)).containsEntry("MODULE", app);
        }
        assertThat(ROOT.resolve("Dockerfile")).exists();
        assertThat(String.valueOf(services.get("kafka").get("image"))).startsWith("apache/kafka:");
    }

    /**
     * The image runs the extracted jar on the JVM's own class path, as the launcher does: document-service pins
     * JAXP's transformer factory only when the system class loader sees it (docs/document-service.md).
     */
    @Test
    void theImageRunsTheExtractedJarWithoutSpringBootsLauncher() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(dockerfile).contains("extract --layers --destination extracted").doesNotContain("--launcher")
                .doesNotContain("JarLauncher").contains("ENTRYPOINT [\"java\", \"-jar\", \"app.jar\"]");
    }

    @Test
    void healthchecksProbeEachServicesConfiguredPort() throws IOException {
        for (String app : APPLICATIONS) {
            int port = Integer.parseInt(String.valueOf(applicationProperties(app).get("server.port")));
            String check = String.join(" ", healthcheck(app));
            assertThat(check).as(app + " healthcheck").contains("localhost:" + port + "/actuator/health");
        }
    }

    @Test
    void everyServiceGetsItsOwnDatabaseWhichTheInitScriptCreates() throws IOException {
        String init = Files.readString(ROOT.resolve("docker/postgres-init.sql"));
        Set<String> databases = new HashSet<>();
        for (String app : APPLICATIONS) {
            String configured = String.valueOf(applicationProperties(app).get("spring.datasource.url"));
            String composed = String.valueOf(environment(app).get("SPRING_DATASOURCE_URL"));
            String database = database(composed);
            assertThat(database).as(app + " database").isEqualTo(database(configured));
            assertThat(init).contains("create database " + database + ";");
            databases.add(database);
        }
        assertThat(databases).hasSize(APPLICATIONS.size());
    }

    @Test
    void everyEnvironmentVariableBindsToARealProperty() throws IOException {
        for (String app : APPLICATIONS) {
            Set<String> known = new HashSet<>();
            applicationProperties(app).keySet().forEach(key -> known.add(canonical(key)));
            defaults.keySet().forEach(key -> known.add(canonical(key)));
            for (String variable : environment(app).keySet()) {
                if (variable.startsWith("JAVA_")) {
                    continue;
                }
                String asProperty = canonical(variable);
                boolean bound = known.stream().anyMatch(k -> k.equals(asProperty));
                assertThat(bound).as(app + ": " + variable + " must bind to a property in its application.yml "
                        + "or billstream-defaults.yml").isTrue();
            }
        }
    }

    @Test
    void gatewayRoutesPointAtTheServicesOnTheirPorts() throws IOException {
        Map<String, Object> env = environment("gateway");
        for (String app : APPLICATIONS.subList(0, 4)) {
            String key = "BILLSTREAM_GATEWAY_ROUTES_" + app.replace("-service", "").toUpperCase();
            Object port = applicationProperties(app).get("server.port");
            assertThat(String.valueOf(env.get(key))).as(key).isEqualTo("http://" + app + ":" + port);
        }
    }

    @Test
    void onlyTheGatewayIsPublishedAndEverythingWaitsForHealthyDependencies() {
        services.forEach((name, service) -> {
            if (name.equals("gateway")) {
                assertThat(String.valueOf(service.get("ports"))).contains("8080:8080");
            } else if (name.equals("greenmail")) {
                // The mail catcher's SMTP and IMAP, on the loopback only (docs/api-reference.md §12).
                assertThat(service.get("ports")).asList()
                        .containsExactlyInAnyOrder("127.0.0.1:3025:3025", "127.0.0.1:3143:3143");
            } else {
                assertThat(service).as(name + " publishes no port").doesNotContainKey("ports");
            }
            assertThat(String.valueOf(service.get("deploy"))).as(name + " memory limit").contains("memory=");
            assertThat(service).as(name + " healthcheck").containsKey("healthcheck");
        });
        for (String app : APPLICATIONS) {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) services.get(app)
                    .get("depends_on");
            assertThat(dependsOn).containsKeys("postgres", "kafka");
            dependsOn.values().forEach(c -> assertThat(c).containsEntry("condition", "service_healthy"));
        }
    }

    /** Renders yield the CPU to the request path under load, here as in the launcher ({@code nice}). */
    @Test
    void documentServiceAloneHasALowerCpuShare() throws IOException {
        services.forEach((name, service) -> {
            if (name.equals("document-service")) {
                assertThat(service.get("cpu_shares")).isEqualTo(256);
            } else {
                assertThat(service).as(name + " keeps the default share").doesNotContainKey("cpu_shares");
            }
        });
        assertThat(Files.readString(ROOT.resolve("billstream")))
                .contains("BACKGROUND_NICE=\"${BILLSTREAM_BACKGROUND_NICE:-10}\"")
                .contains("if [ \"$name\" = document-service ] && [ \"$BACKGROUND_NICE\" != 0 ]");
    }

    @Test
    void documentServiceSendsMailToTheMailCatchersSmtpPort() throws IOException {
        Map<String, Object> configured = applicationProperties("document-service");
        Map<String, Object> env = environment("document-service");
        assertThat(env.get("SPRING_MAIL_HOST")).isEqualTo("greenmail");
        assertThat(String.valueOf(env.get("SPRING_MAIL_PORT"))).isEqualTo(String.valueOf(configured.get("spring.mail.port")))
                .isEqualTo("3025");
        assertThat(String.join(" ", String.valueOf(services.get("greenmail").get("environment"))))
                .contains("-Dgreenmail.setup.test.smtp", "-Dgreenmail.setup.test.imap", "-Dgreenmail.auth.disabled");
        @SuppressWarnings("unchecked")
        Map<String, Map<String, String>> dependsOn = (Map<String, Map<String, String>>) services.get("document-service")
                .get("depends_on");
        assertThat(dependsOn).containsKey("greenmail");
        String launcher = Files.readString(ROOT.resolve("billstream"));
        assertThat(launcher).contains("SPRING_MAIL_HOST", "SPRING_MAIL_PORT=\"$MAIL_SMTP_PORT\"",
                "MAIL_SMTP_PORT=\"${MAIL_SMTP_PORT:-$((3025 + PORT_OFFSET))}\"",
                "MAIL_IMAP_PORT=\"${MAIL_IMAP_PORT:-$((3143 + PORT_OFFSET))}\"");
    }

    @Test
    void launcherUsesTheSamePortsAndDatabases() throws IOException {
        String launcher = Files.readString(ROOT.resolve("billstream"));
        for (String app : APPLICATIONS) {
            Map<String, Object> props = applicationProperties(app);
            String entry = app + ":" + props.get("server.port") + ":" + database(String.valueOf(
                    props.get("spring.datasource.url")));
            assertThat(launcher).as("launcher entry for " + app).contains("\"" + entry + ":");
        }
    }

    private static String database(String jdbcUrl) {
        Matcher m = JDBC_DATABASE.matcher(jdbcUrl);
        assertThat(m.find()).as("JDBC URL " + jdbcUrl).isTrue();
        return m.group(1);
    }

    /**
     * Spring's relaxed binding reduced to one form: lower case without separators, because an environment
     * variable cannot tell {@code bootstrap-servers} from {@code bootstrap.servers}.
     */
    private static String canonical(String name) {
        return name.toLowerCase().replaceAll("\\[\\d+]", "").replaceAll("[._-]", "");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(String app) {
        return (Map<String, Object>) services.get(app).get("environment");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> buildArgs(String app) {
        Map<String, Object> build = (Map<String, Object>) services.get(app).get("build");
        return (Map<String, Object>) build.get("args");
    }

    @SuppressWarnings("unchecked")
    private static List<String> healthcheck(String app) {
        Map<String, Object> check = (Map<String, Object>) services.get(app).get("healthcheck");
        return (List<String>) check.get("test");
    }

    private static Map<String, Object> applicationProperties(String app) throws IOException {
        return flatten(readYaml(ROOT.resolve(app).resolve("src/main/resources/application.yml")));
    }

    private static Map<String, Object> readYaml(Path path) throws IOException {
        try (Reader reader = Files.newBufferedReader(path)) {
            Map<String, Object> merged = new java.util.LinkedHashMap<>();
            for (Object document : new Yaml().loadAll(reader)) {
                if (document instanceof Map<?, ?> map) {
                    map.forEach((k, v) -> merged.put(String.valueOf(k), v));
                }
            }
            return merged;
        }
    }

    private static Map<String, Object> flatten(Map<String, Object> tree) {
        Map<String, Object> flat = new java.util.LinkedHashMap<>();
        flatten("", tree, flat);
        return flat;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object node, Map<String, Object> flat) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = prefix.isEmpty() ? String.valueOf(e.getKey()) : prefix + "." + e.getKey();
                flatten(key, e.getValue(), flat);
            }
        } else {
            flat.put(prefix, node);
            if (node instanceof List<?> list) {
                List<Object> items = new ArrayList<>(list);
                for (int i = 0; i < items.size(); i++) {
                    flatten(prefix + "[" + i + "]", items.get(i), flat);
                }
            }
        }
    }
}
