package io.billstream.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;

import java.io.IOException;

/**
 * Replaces Boot's {@code BasicErrorController}: a {@code sendError} anywhere (a filter, the servlet container) is
 * answered as problem+json, whatever the client's {@code Accept}, instead of Boot's JSON or an HTML page.
 */
@org.springframework.stereotype.Controller
public class ProblemErrorController implements ErrorController {

    private final ObjectMapper mapper;

    public ProblemErrorController(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @RequestMapping("${server.error.path:${error.path:/error}}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 ? value : 500;
        HttpStatus known = HttpStatus.resolve(status);
        String detail = status >= 500 ? "An unexpected error occurred; it has been logged with this request's id."
                : status == 404 ? "No such resource." : known != null ? known.getReasonPhrase() + "." : "Error.";
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        Problems.writeStatus(response, mapper, status, detail);
    }
}
