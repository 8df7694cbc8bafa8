package io.billstream.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.testsupport.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** One shared context for every gateway test; stand-in services start before it. */
@ServiceIntegrationTest
abstract class GatewayIntegrationTest {

    static {
        StandIns.start();
    }

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    @Value("${local.server.port}")
    int port;
    @Autowired
    JdbcTemplate jdbc;

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> send(String method, String path, String bearer, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path, String bearer, String... headers) {
        return send("GET", path, bearer, null, headers);
    }

    HttpResponse<String> post(String path, String bearer, String json, String... headers) {
        return send("POST", path, bearer, json, headers);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** A new tenant with an admin; returns the admin's access token and the tenant id. */
    Account signUp() {
        String username = unique("u");
        HttpResponse<String> signup = post("/v1/signup", null, """
                {"organizationName": "Org %s", "username": "%s", "email": "%s@example.com",
                 "password": "correct horse battery"}""".formatted(username, username, username));
        assertThat(signup.statusCode()).as(signup.body()).isEqualTo(201);
        JsonNode body = json(signup);
        return new Account(body.path("tenantId").asText(), body.path("user").path("id").asText(), username,
                "Org " + username, login(username, "correct horse battery"));
    }

    String login(String login, String password) {
        HttpResponse<String> response = post("/v1/login", null,
                "{\"login\": \"%s\", \"password\": \"%s\"}".formatted(login, password));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).path("accessToken").asText();
    }

    JsonNode createKey(String adminToken, String scope) {
        HttpResponse<String> response = post("/v1/api-keys", adminToken,
                "{\"name\": \"test key\", \"scope\": \"%s\"}".formatted(scope));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response);
    }

    record Account(String tenantId, String userId, String username, String organization, String token) {
    }
}
