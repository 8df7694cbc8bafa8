package io.billstream.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.billstream.platform.errors.DomainException;
import io.billstream.platform.errors.ErrorCode;
import io.billstream.platform.errors.FieldViolation;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Builds RFC 9457 bodies the same way for controllers (advice) and for servlet filters. */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    private static final String TYPE_BASE = "https://docs.billstream.io/problems/";

    private Problems() {
    }

    public static ProblemDetail of(ErrorCode code, String detail, List<FieldViolation> errors) {
        return of(ErrorStatus.of(code), code, detail, errors);
    }

    private static ProblemDetail of(HttpStatusCode status, ErrorCode code, String detail, List<FieldViolation> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code.code().replace('_', '-')));
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known != null ? known.getReasonPhrase() : "Error");
        problem.setProperty("code", code.code());
        if (errors != null && !errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ErrorCode code, String detail, List<FieldViolation> errors,
                                                         Duration retryAfter) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(ErrorStatus.of(code)).contentType(PROBLEM_JSON);
        if (retryAfter != null) {
            builder.header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds())));
        }
        return builder.body(of(code, detail, errors));
    }

    public static ResponseEntity<ProblemDetail> response(DomainException e) {
        return response(e.code(), e.getMessage(), e.errors(), e.retryAfter());
    }

    /** For a status Tomcat or Spring chose before our code ran (the error page): the status stays as it is. */
    public static void writeStatus(HttpServletResponse response, ObjectMapper mapper, int status, String detail)
            throws IOException {
        response.setStatus(status);
        response.setContentType(PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        mapper.writeValue(response.getOutputStream(),
                of(HttpStatusCode.valueOf(status), ErrorStatus.codeOf(status), detail, List.of()));
    }

    /** For filters, which run before Spring MVC's message converters. */
    public static void write(HttpServletResponse response, ObjectMapper mapper, ErrorCode code, String detail,
                             Duration retryAfter) throws IOException {
        write(response, mapper, new DomainException(code, detail, List.of(), retryAfter));
    }

    public static void write(HttpServletResponse response, ObjectMapper mapper, DomainException e) throws IOException {
        response.setStatus(ErrorStatus.of(e.code()).value());
        response.setContentType(PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        if (e.retryAfter() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())));
        }
        mapper.writeValue(response.getOutputStream(), of(e.code(), e.getMessage(), e.errors()));
    }
}
