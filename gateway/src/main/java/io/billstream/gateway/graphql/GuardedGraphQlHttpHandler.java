package io.billstream.gateway.graphql;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.web.ErrorCodes;
import io.billstream.platform.web.Problems;
import jakarta.servlet.ServletException;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlHttpHandler;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import java.util.List;

/**
 * Spring for GraphQL's POST handler, with its refusals of a body that is no GraphQL request (no {@code query}, not an
 * object, unreadable) answered as the gateway's 4xx problems with a stable code; they are
 * {@link ResponseStatusException}s the platform's advice would otherwise log and answer as 500.
 */
class GuardedGraphQlHttpHandler extends GraphQlHttpHandler {

    private final ObjectMapper mapper;

    GuardedGraphQlHttpHandler(WebGraphQlHandler handler, ObjectMapper mapper) {
        super(handler);
        this.mapper = mapper;
    }

    @Override
    public ServerResponse handleRequest(ServerRequest request) throws ServletException {
        try {
            return super.handleRequest(request);
        } catch (ResponseStatusException e) {
            HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
            if (status == null || !status.is4xxClientError()) {
                throw e;
            }
            String code = status == HttpStatus.UNSUPPORTED_MEDIA_TYPE ? ErrorCodes.UNSUPPORTED_MEDIA_TYPE
                    : status == HttpStatus.NOT_ACCEPTABLE ? ErrorCodes.NOT_ACCEPTABLE : ErrorCodes.MALFORMED_REQUEST;
            String detail = e.getReason() == null ? "The body is not a GraphQL request." : e.getReason();
            try {
                return ServerResponse.status(status).contentType(Problems.PROBLEM_JSON)
                        .body(mapper.writeValueAsString(Problems.of(status, code, detail, List.of())));
            } catch (com.fasterxml.jackson.core.JsonProcessingException json) {
                throw new ServletException(json);
            }
        }
    }
}
