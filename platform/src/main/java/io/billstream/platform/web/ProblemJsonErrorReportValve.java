package io.billstream.platform.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

import java.io.IOException;
import java.io.Writer;

/**
 * Tomcat's own rejections (an encoded slash, a malformed URI, query or header, a request that never reaches
 * Spring) are rendered by the host's error report valve, which writes an HTML page. This one writes the same
 * problem+json every other error has (docs/api-reference.md §2), without any server detail.
 */
public class ProblemJsonErrorReportValve extends ErrorReportValve {

    public ProblemJsonErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String code = codeFor(status);
        HttpStatus known = HttpStatus.resolve(status);
        String title = known != null ? known.getReasonPhrase() : "Error";
        String detail = status >= 500 ? "An unexpected error occurred." : switch (status) {
            case 404 -> "No such resource.";
            case 405 -> "Method not allowed here.";
            default -> "The request is malformed (URI, query string or headers).";
        };
        String json = "{\"type\":\"https://docs.billstream.io/problems/" + code.replace('_', '-') + "\",\"title\":\""
                + title + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\",\"code\":\"" + code + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was already committed: nothing left to tell it
        }
    }

    static String codeFor(int status) {
        return ErrorStatus.codeOf(status).code();
    }
}
