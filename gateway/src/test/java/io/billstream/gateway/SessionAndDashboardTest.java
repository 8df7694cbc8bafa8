package io.billstream.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's cookie session with CSRF protection, and the static app with its security headers. */
class SessionAndDashboardTest extends GatewayIntegrationTest {

    private static final String COOKIE = "billstream_session";

    @Test
    void cookieSessionAuthenticatesReadsAndNeedsTheCsrfTokenForWrites() {
        Account account = signUp();
        HttpResponse<String> created = post("/v1/session", null,
                "{\"login\": \"%s\", \"password\": \"correct horse battery\"}".formatted(account.username()));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        String setCookie = created.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith(COOKIE + "=").contains("HttpOnly").contains("SameSite=Strict")
                .contains("Path=/").doesNotContain("Secure"); // plain http here; Secure when the request is https
        String token = setCookie.substring(COOKIE.length() + 1, setCookie.indexOf(';'));
        JsonNode body = json(created);
        // the token is never in the body, only the CSRF token and who is signed in
        assertThat(created.body()).doesNotContain(token);
        assertThat(body.path("user").path("role").asText()).isEqualTo("admin");
        assertThat(body.path("organizationName").asText()).isEqualTo(account.organization());
        String csrf = body.path("csrfToken").asText();
        assertThat(csrf).hasSizeGreaterThan(30);
        String cookie = COOKIE + "=" + token;

        HttpResponse<String> current = get("/v1/session", null, "Cookie", cookie);
        assertThat(current.statusCode()).isEqualTo(200);
        assertThat(json(current).path("csrfToken").asText()).isEqualTo(csrf);
        assertThat(get("/v1/users", null, "Cookie", cookie).statusCode()).isEqualTo(200);

        // a write with the cookie but without (or with a wrong) CSRF token is refused and does nothing
        long users = jdbc.queryForObject("select count(*) from app_user", Long.class);
        String newUser = "{\"username\": \"%s\", \"email\": \"%s@example.com\", \"password\": \"long enough pw!\", \"role\": \"viewer\"}";
        String name = unique("v");
        assertProblem(post("/v1/users", null, newUser.formatted(name, name), "Cookie", cookie), 403);
        assertProblem(post("/v1/users", null, newUser.formatted(name, name), "Cookie", cookie,
                "X-CSRF-Token", csrf.substring(1) + "x"), 403);
        assertThat(jdbc.queryForObject("select count(*) from app_user", Long.class)).isEqualTo(users);
        HttpResponse<String> ok = post("/v1/users", null, newUser.formatted(name, name), "Cookie", cookie,
                "X-CSRF-Token", csrf);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(201);

        // another session's CSRF token does not fit this one
        HttpResponse<String> other = post("/v1/session", null,
                "{\"login\": \"%s\", \"password\": \"correct horse battery\"}".formatted(account.username()));
        String otherCsrf = json(other).path("csrfToken").asText();
        assertThat(otherCsrf).isNotEqualTo(csrf);
        assertProblem(post("/v1/users", null, newUser.formatted(name + "x", name + "x"), "Cookie", cookie,
                "X-CSRF-Token", otherCsrf), 403);

        // an API key in the cookie is no session
        String apiKey = createKey(account.token(), "read_write").path("key").asText();
        assertProblem(get("/v1/session", null, "Cookie", COOKIE + "=" + apiKey), 401);

        // Bearer clients are unchanged: no CSRF token needed
        assertThat(get("/v1/session", account.token()).statusCode()).isEqualTo(200);

        // logout needs the CSRF token too, revokes the token and clears the cookie
        assertProblem(send("DELETE", "/v1/session", null, null, "Cookie", cookie), 403);
        HttpResponse<String> out = send("DELETE", "/v1/session", null, null, "Cookie", cookie, "X-CSRF-Token", csrf);
        assertThat(out.statusCode()).isEqualTo(204);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).startsWith(COOKIE + "=;").contains("Max-Age=0");
        assertProblem(get("/v1/session", null, "Cookie", cookie), 401);
    }

    @Test
    void wrongPasswordForASessionIsTheSame401AndSetsNoCookie() {
        Account account = signUp();
        HttpResponse<String> bad = post("/v1/session", null,
                "{\"login\": \"%s\", \"password\": \"wrong horse battery\"}".formatted(account.username()));
        assertProblem(bad, 401);
        assertThat(bad.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void theAppIsServedAtTheRootWithAContentSecurityPolicyAndDeepLinksFallBackToIndex() {
        for (String path : List.of("/", "/invoices/inv_123", "/settings")) {
            HttpResponse<String> page = get(path, null);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.body()).contains("Billstream test dashboard");
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).contains("script-src 'self'").contains("frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
        HttpResponse<String> asset = get("/assets/app-test.js", null);
        assertThat(asset.statusCode()).isEqualTo(200);
        assertThat(asset.headers().firstValue("Cache-Control").orElseThrow()).contains("immutable");
        // a missing file is a 404, not the app; the API keeps its own answers
        assertThat(get("/assets/missing.js", null).statusCode()).isEqualTo(404);
        assertThat(get("/favicon-missing.png", null).statusCode()).isEqualTo(404);
        assertProblem(get("/v1/no-such-thing", null), 401);
        assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(404);
        assertThat(get("/v1/openapi.json", null).headers().firstValue("Content-Security-Policy")).isEmpty();
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
    }
}
