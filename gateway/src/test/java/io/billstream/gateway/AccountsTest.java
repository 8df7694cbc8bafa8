package io.billstream.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class AccountsTest extends GatewayIntegrationTest {

    @Test
    void signupCreatesATenantWithAnAdminAndLoginIssuesABearerToken() {
        String username = unique("Alice");
        HttpResponse<String> signup = post("/v1/signup", null, """
                {"organizationName": "Acme", "username": "%s", "email": "%s@Example.com",
                 "password": "correct horse battery"}""".formatted(username, username));

        assertThat(signup.statusCode()).isEqualTo(201);
        JsonNode body = json(signup);
        assertThat(body.path("tenantId").asText()).startsWith("ten_");
        assertThat(body.path("user").path("id").asText()).startsWith("usr_");
        assertThat(body.path("user").path("username").asText()).isEqualTo(username.toLowerCase());
        assertThat(body.path("user").path("role").asText()).isEqualTo("admin");
        assertThat(signup.body()).doesNotContain("correct horse battery").doesNotContain("password");
        String hash = jdbc.queryForObject("select password_hash from app_user where id = ?", String.class,
                body.path("user").path("id").asText());
        assertThat(hash).startsWith("$2").doesNotContain("correct horse battery");

        // usernames and emails compare case-insensitively
        HttpResponse<String> login = post("/v1/login", null,
                "{\"login\": \"%s@EXAMPLE.com\", \"password\": \"correct horse battery\"}".formatted(username));
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(json(login).path("tokenType").asText()).isEqualTo("Bearer");
        assertThat(json(login).path("expiresAt").asText()).isNotBlank();
        assertThat(get("/v1/users", json(login).path("accessToken").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void badSignupsAnswerProblemsAndStoreNothing() {
        long users = count("app_user");
        long tenants = count("tenant");
        Account existing = signUp();
        users++;
        tenants++;
        String fresh = unique("bob");

        HttpResponse<String> shortPassword = post("/v1/signup", null, signupJson(fresh, fresh + "@example.com", "short"));
        assertProblem(shortPassword, 422, "validation_failed");
        assertThat(shortPassword.body()).contains("password");

        HttpResponse<String> badEmail = post("/v1/signup", null, signupJson(fresh, "not-an-email", "long enough password"));
        assertProblem(badEmail, 422, "validation_failed");
        assertThat(badEmail.body()).contains("email");

        assertProblem(post("/v1/signup", null, signupJson("x!", fresh + "@example.com", "long enough password")),
                422, "validation_failed");
        assertProblem(post("/v1/signup", null, signupJson(existing.username().toUpperCase(), fresh + "@example.com",
                "long enough password")), 409, "duplicate_username");
        assertProblem(post("/v1/signup", null, signupJson(fresh, existing.username().toUpperCase() + "@example.com",
                "long enough password")), 409, "duplicate_email");
        assertProblem(post("/v1/signup", null, "{\"organizationName\": \"x\", \"oops\": 1}"), 400, "unknown_field");
        assertProblem(post("/v1/signup", null, "{not json"), 400, "malformed_json");

        assertProblem(send("POST", "/v1/signup", null, null, "Content-Type", "text/plain"), 415,
                "unsupported_media_type");
        String huge = "{\"organizationName\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        assertProblem(post("/v1/signup", null, huge), 413, "payload_too_large");

        assertThat(count("app_user")).isEqualTo(users);
        assertThat(count("tenant")).isEqualTo(tenants);
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameAnswer() {
        Account account = signUp();

        HttpResponse<String> wrongPassword = post("/v1/login", null,
                "{\"login\": \"%s\", \"password\": \"not the password\"}".formatted(account.username()));
        HttpResponse<String> unknownUser = post("/v1/login", null,
                "{\"login\": \"%s\", \"password\": \"not the password\"}".formatted(unique("nobody")));

        assertProblem(wrongPassword, 401, "unauthenticated");
        assertThat(unknownUser.statusCode()).isEqualTo(wrongPassword.statusCode());
        assertThat(unknownUser.body()).isEqualTo(wrongPassword.body());
    }

    @Test
    void repeatedFailuresAreThrottledEvenWithTheRightPassword() {
        Account account = signUp();
        for (int i = 0; i < 5; i++) {
            assertThat(post("/v1/login", null, "{\"login\": \"%s\", \"password\": \"guess number %d\"}"
                    .formatted(account.username(), i)).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = post("/v1/login", null,
                "{\"login\": \"%s\", \"password\": \"correct horse battery\"}".formatted(account.username()));
        assertProblem(throttled, 429, "rate_limited");
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void adminsCreateViewersWhoMayReadButNotWrite() {
        Account admin = signUp();
        String viewerName = unique("viewer");
        HttpResponse<String> created = post("/v1/users", admin.token(), """
                {"username": "%s", "email": "%s@example.com", "password": "viewer password 1", "role": "viewer"}"""
                .formatted(viewerName, viewerName));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json(created).path("role").asText()).isEqualTo("viewer");
        assertThat(created.headers().firstValue("Location")).hasValue("/v1/users/" + json(created).path("id").asText());

        HttpResponse<String> users = get("/v1/users", admin.token());
        assertThat(json(users).path("data")).hasSize(2);
        assertThat(users.body()).doesNotContain("password");

        String viewer = login(viewerName, "viewer password 1");
        assertThat(get("/v1/customers", viewer).statusCode()).isEqualTo(200);
        assertProblem(post("/v1/customers", viewer, "{\"name\": \"x\"}"), 403, "forbidden");
        assertProblem(post("/v1/users", viewer, """
                {"username": "%s", "email": "%s@example.com", "password": "viewer password 1", "role": "admin"}"""
                .formatted(unique("v"), unique("v"))), 403, "forbidden");
        assertProblem(post("/v1/api-keys", viewer, "{\"name\": \"k\", \"scope\": \"read_write\"}"), 403, "forbidden");
        // everyone may end their own session
        assertThat(post("/v1/logout", viewer, null).statusCode()).isEqualTo(204);
        assertProblem(get("/v1/customers", viewer), 401, "unauthenticated");
    }

    @Test
    void logoutRefusesThatTokenFromThenOn() {
        Account account = signUp();
        String other = login(account.username(), "correct horse battery");
        assertThat(get("/v1/customers", account.token()).statusCode()).isEqualTo(200);

        assertThat(post("/v1/logout", account.token(), null).statusCode()).isEqualTo(204);

        assertProblem(get("/v1/customers", account.token()), 401, "unauthenticated");
        assertProblem(get("/v1/users", account.token()), 401, "unauthenticated");
        assertThat(jdbc.queryForObject("select count(*) from revoked_access_token", Long.class)).isPositive();
        // another session of the same user is unaffected
        assertThat(get("/v1/customers", other).statusCode()).isEqualTo(200);
    }

    @Test
    void everyOtherV1PathNeedsCredentials() {
        assertProblem(get("/v1/customers", null), 401, "unauthenticated");
        assertProblem(get("/v1/customers", "not-a-token"), 401, "unauthenticated");
        assertProblem(get("/v1/users", "bsk_forged_key"), 401, "unauthenticated");
        assertProblem(get("/v1/no-such-thing", null), 401, "unauthenticated");
        Account account = signUp();
        assertProblem(get("/v1/no-such-thing", account.token()), 404, "not_found");
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }

    private static String signupJson(String username, String email, String password) {
        return """
                {"organizationName": "Org", "username": "%s", "email": "%s", "password": "%s"}"""
                .formatted(username, email, password);
    }

    static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).path("code").asText()).isEqualTo(code);
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }
}
