package io.billstream.platform.idempotency;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.http.HttpHeaders;
import org.springframework.util.LinkedCaseInsensitiveMap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Holds the whole answer (status, headers, body) back from the client until the transaction that produced it has
 * committed — unlike {@code ContentCachingResponseWrapper}, which passes status and headers straight through — so a
 * request can be run again from scratch, and the client never sees an answer whose effect was rolled back.
 */
final class BufferedResponse extends HttpServletResponseWrapper {

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final Map<String, List<String>> headers = new LinkedCaseInsensitiveMap<>();
    private int status = SC_OK;
    private String errorMessage;
    private boolean error;
    private String contentType;
    private String characterEncoding;
    private ServletOutputStream stream;
    private PrintWriter writer;

    BufferedResponse(HttpServletResponse response) {
        super(response);
    }

    int status() {
        return status;
    }

    /** True when the chain called {@code sendError}: the container renders that answer, so it is not replayable. */
    boolean error() {
        return error;
    }

    byte[] body() {
        flushWriter();
        return body.toByteArray();
    }

    /** The value of a header as the chain set it (Content-Type included). */
    String header(String name) {
        if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
            return getContentType();
        }
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** Sends what was buffered to the client. */
    void copyTo(HttpServletResponse target) throws IOException {
        byte[] bytes = body();
        target.setStatus(status);
        headers.forEach((name, values) -> values.forEach(value -> target.addHeader(name, value)));
        if (contentType != null) {
            target.setContentType(contentType);
        }
        if (characterEncoding != null) {
            target.setCharacterEncoding(characterEncoding);
        }
        if (error && bytes.length == 0) {
            target.sendError(status, errorMessage);
            return;
        }
        target.setContentLength(bytes.length);
        target.getOutputStream().write(bytes);
        target.flushBuffer();
    }

    @Override
    public void setStatus(int sc) {
        status = sc;
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void sendError(int sc, String msg) {
        status = sc;
        errorMessage = msg;
        error = true;
    }

    @Override
    public void sendError(int sc) {
        sendError(sc, null);
    }

    @Override
    public void sendRedirect(String location) {
        status = SC_FOUND;
        setHeader(HttpHeaders.LOCATION, location);
    }

    @Override
    public void setHeader(String name, String value) {
        if (special(name, value)) {
            return;
        }
        if (value == null) {
            headers.remove(name);
            return;
        }
        List<String> values = new ArrayList<>();
        values.add(value);
        headers.put(name, values);
    }

    @Override
    public void addHeader(String name, String value) {
        if (special(name, value) || value == null) {
            return;
        }
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }

    private boolean special(String name, String value) {
        if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
            setContentType(value);
            return true;
        }
        return HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name);
    }

    @Override
    public void setIntHeader(String name, int value) {
        setHeader(name, Integer.toString(value));
    }

    @Override
    public void addIntHeader(String name, int value) {
        addHeader(name, Integer.toString(value));
    }

    @Override
    public void setDateHeader(String name, long date) {
        setHeader(name, httpDate(date));
    }

    @Override
    public void addDateHeader(String name, long date) {
        addHeader(name, httpDate(date));
    }

    private static String httpDate(long millis) {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
    }

    @Override
    public boolean containsHeader(String name) {
        return header(name) != null;
    }

    @Override
    public String getHeader(String name) {
        return header(name);
    }

    @Override
    public Collection<String> getHeaders(String name) {
        if (HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
            return contentType == null ? List.of() : List.of(getContentType());
        }
        return List.copyOf(headers.getOrDefault(name, List.of()));
    }

    @Override
    public Collection<String> getHeaderNames() {
        List<String> names = new ArrayList<>(headers.keySet());
        if (contentType != null) {
            names.add(HttpHeaders.CONTENT_TYPE);
        }
        return names;
    }

    @Override
    public void setContentType(String type) {
        if (type == null) {
            contentType = null;
            return;
        }
        int charset = type.toLowerCase().indexOf("charset=");
        if (charset >= 0) {
            characterEncoding = type.substring(charset + "charset=".length()).trim();
        }
        contentType = type;
    }

    @Override
    public String getContentType() {
        if (contentType == null) {
            return null;
        }
        if (characterEncoding == null || contentType.toLowerCase().contains("charset=")) {
            return contentType;
        }
        return contentType + ";charset=" + characterEncoding;
    }

    @Override
    public void setCharacterEncoding(String charset) {
        characterEncoding = charset;
    }

    @Override
    public String getCharacterEncoding() {
        return characterEncoding != null ? characterEncoding : StandardCharsets.UTF_8.name();
    }

    @Override
    public void setContentLength(int len) {
        // computed from the buffer when the answer is sent
    }

    @Override
    public void setContentLengthLong(long len) {
        // computed from the buffer when the answer is sent
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (stream == null) {
            stream = new ServletOutputStream() {
                @Override
                public void write(int b) {
                    body.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    body.write(b, off, len);
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    throw new UnsupportedOperationException("blocking writes only");
                }
            };
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            writer = new PrintWriter(new OutputStreamWriter(getOutputStream(), Charset.forName(getCharacterEncoding())));
        }
        return writer;
    }

    private void flushWriter() {
        if (writer != null) {
            writer.flush();
        }
    }

    @Override
    public void flushBuffer() {
        flushWriter();
    }

    @Override
    public boolean isCommitted() {
        return false;
    }

    @Override
    public void reset() {
        resetBuffer();
        headers.clear();
        status = SC_OK;
        error = false;
        errorMessage = null;
        contentType = null;
        characterEncoding = null;
    }

    @Override
    public void resetBuffer() {
        flushWriter();
        body.reset();
    }
}
