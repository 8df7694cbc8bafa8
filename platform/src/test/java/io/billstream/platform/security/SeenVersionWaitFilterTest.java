package io.billstream.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.idempotency.IdempotencyKey;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SeenVersionWaitFilterTest {

    private static final Caller CALLER = new Caller(new TenantId("ten_a"), new Actor(ActorType.USER, "usr_1"),
            "Acme", true);
    private static final SeenVersion SEEN = new SeenVersion("inv_1", 2);

    private final List<String> calls = new ArrayList<>();

    @Test
    void aKeyedPostWithASeenVersionWaitsBeforeTheRestOfTheChain() throws Exception {
        SeenVersionWaitFilter filter = new SeenVersionWaitFilter((caller, seen) -> calls.add("await " + seen.id()
                + "@" + seen.version() + " for " + caller.tenant()), new ObjectMapper());
        MockFilterChain chain = new MockFilterChain() {
            @Override
            public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response) {
                calls.add("chain");
            }
        };

        filter.doFilter(request(true, true), new MockHttpServletResponse(), chain);

        assertThat(calls).containsExactly("await inv_1@2 for ten_a", "chain");
    }

    @Test
    void aWaitThatRunsOutAnswersTheServicesProblemWithoutRunningTheRequest() throws Exception {
        SeenVersionWaitFilter filter = new SeenVersionWaitFilter((caller, seen) -> {
            throw DomainException.unavailable("not yet", Duration.ofSeconds(1));
        }, new ObjectMapper());
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request(true, true), response, chain);

        assertThat(chain.getRequest()).as("the request did not run").isNull();
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getContentAsString()).contains("\"code\":\"service_unavailable\"", "not yet");
    }

    @Test
    void requestsWithoutAKeyOrAVersionAreNotHeld() throws Exception {
        SeenVersionWaitFilter filter = new SeenVersionWaitFilter((caller, seen) -> calls.add("await"),
                new ObjectMapper());

        filter.doFilter(request(false, true), new MockHttpServletResponse(), new MockFilterChain());
        filter.doFilter(request(true, false), new MockHttpServletResponse(), new MockFilterChain());

        assertThat(calls).isEmpty();
    }

    private static MockHttpServletRequest request(boolean keyed, boolean seen) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/payments");
        request.setAttribute(InternalTokenFilter.CALLER_ATTRIBUTE, CALLER);
        if (keyed) {
            request.setAttribute(IdempotencyKey.ATTRIBUTE, new IdempotencyKey("ten_a", "k1", "fp"));
        }
        if (seen) {
            request.setAttribute(SeenVersion.ATTRIBUTE, SEEN);
        }
        return request;
    }
}
