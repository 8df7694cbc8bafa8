package io.billstream.platform.idempotency;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.mock.web.MockHttpServletResponse;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Nothing of an answer reaches the client before it is released, and everything does once it is. */
class BufferedResponseTest {

    @Test
    void holdsStatusHeadersAndBodyBackUntilCopied() throws Exception {
        MockHttpServletResponse client = new MockHttpServletResponse();
        client.setHeader("X-Request-Id", "req-1");   // set by an earlier filter: kept
        BufferedResponse buffered = new BufferedResponse(client);

        // as Spring MVC writes a ResponseEntity with a JSON body
        ServletServerHttpResponse out = new ServletServerHttpResponse(buffered);
        out.setStatusCode(HttpStatus.CREATED);
        out.getHeaders().setLocation(java.net.URI.create("/v1/payments/pay_1"));
        out.getHeaders().setETag("\"1\"");
        new MappingJackson2HttpMessageConverter().write(Map.of("id", "pay_1"), MediaType.APPLICATION_JSON, out);
        out.flush();

        assertThat(client.getStatus()).isEqualTo(200);
        assertThat(client.getHeader("Location")).isNull();
        assertThat(client.getContentAsByteArray()).isEmpty();
        assertThat(client.isCommitted()).isFalse();
        assertThat(buffered.status()).isEqualTo(201);
        assertThat(buffered.header("Content-Type")).startsWith("application/json");
        assertThat(buffered.header("etag")).isEqualTo("\"1\"");

        buffered.copyTo(client);

        assertThat(client.getStatus()).isEqualTo(201);
        assertThat(client.getHeader("Location")).isEqualTo("/v1/payments/pay_1");
        assertThat(client.getHeader("ETag")).isEqualTo("\"1\"");
        assertThat(client.getHeader("X-Request-Id")).isEqualTo("req-1");
        assertThat(client.getContentType()).startsWith("application/json");
        assertThat(client.getContentAsString(StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"pay_1\"}");
        assertThat(client.getContentLength()).isEqualTo(14);
    }

    @Test
    void aResetRunStartsFromNothing() throws Exception {
        MockHttpServletResponse client = new MockHttpServletResponse();
        BufferedResponse buffered = new BufferedResponse(client);
        buffered.setStatus(503);
        buffered.setHeader("Retry-After", "1");
        buffered.getWriter().write("lost a race");

        buffered.reset();
        buffered.setStatus(200);
        buffered.setContentType("text/plain;charset=UTF-8");
        buffered.getWriter().write("ok");
        buffered.copyTo(client);

        assertThat(client.getStatus()).isEqualTo(200);
        assertThat(client.getHeader("Retry-After")).isNull();
        assertThat(client.getContentAsString()).isEqualTo("ok");
    }

    @Test
    void sendErrorIsPassedOnForTheContainerToRender() throws Exception {
        MockHttpServletResponse client = new MockHttpServletResponse();
        BufferedResponse buffered = new BufferedResponse(client);
        buffered.sendError(406, "not acceptable");

        assertThat(buffered.error()).isTrue();
        assertThat(client.getStatus()).isEqualTo(200);
        buffered.copyTo(client);
        assertThat(client.getStatus()).isEqualTo(406);
        assertThat(client.getErrorMessage()).isEqualTo("not acceptable");
    }
}
