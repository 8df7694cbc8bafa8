package io.billstream.gateway.graphql;

import io.billstream.platform.errors.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Relay connections over the REST lists ({@code limit}/{@code cursor} → {@code {data, nextCursor}}). REST cursors
 * mark page boundaries only, but Relay wants a cursor on every edge, so an edge cursor is the REST cursor its page
 * was fetched with plus how many items of that page to skip: resuming after any edge asks the service for the same
 * page again and drops the items already seen. The cursor after a page's last item is the service's own
 * {@code nextCursor} (skip 0), so paging edge by edge and page by page stay aligned. Opaque to clients (base64url).
 */
final class Connections {

    static final int MAX_FIRST = 100;

    private Connections() {
    }

    record Position(String restCursor, int skip) {
    }

    /** The REST query for {@code first} items after {@code after}: limit, cursor and how many to drop. */
    static Position decode(String after) {
        if (after == null || after.isEmpty()) {
            return new Position(null, 0);
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            int skip = Integer.parseInt(raw.substring(0, colon));
            String rest = raw.substring(colon + 1);
            if (skip < 0 || skip >= MAX_FIRST) {
                throw new IllegalArgumentException("skip out of range");
            }
            return new Position(rest.isEmpty() ? null : rest, skip);
        } catch (RuntimeException e) {
            throw new ServiceError(422, ErrorCode.VALIDATION_FAILED.code(), "after is not a cursor of this list.",
                    List.of(Map.of("field", "after", "message", "is not a cursor of this list")));
        }
    }

    static String encode(String restCursor, int skip) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((skip + ":" + (restCursor == null ? "" : restCursor)).getBytes(StandardCharsets.UTF_8));
    }

    static int first(Integer first) {
        int n = first == null ? 20 : first;
        if (n < 1 || n > MAX_FIRST) {
            throw new ServiceError(422, ErrorCode.VALIDATION_FAILED.code(), "first must be between 1 and " + MAX_FIRST + ".",
                    List.of(Map.of("field", "first", "message", "must be between 1 and " + MAX_FIRST)));
        }
        return n;
    }

    /**
     * Fetches one REST page and shapes it as a connection. {@code fetch} gets (limit, restCursor) and answers the
     * REST list body. At most {@code first} edges; fewer when the requested window crosses the end of the REST page
     * (Relay allows that; {@code hasNextPage} stays true).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> page(Integer firstArg, String after,
                                    java.util.function.BiFunction<Integer, String, Map<String, Object>> fetch) {
        int first = first(firstArg);
        Position position = decode(after);
        int limit = Math.min(MAX_FIRST, position.skip() + first);
        Map<String, Object> body = fetch.apply(limit, position.restCursor());
        List<Map<String, Object>> data = body.get("data") instanceof List<?> list
                ? (List<Map<String, Object>>) list : List.of();
        String next = body.get("nextCursor") instanceof String s ? s : null;
        List<Map<String, Object>> edges = new ArrayList<>();
        for (int i = position.skip(); i < data.size() && edges.size() < first; i++) {
            boolean lastOfPage = i == data.size() - 1;
            String cursor = lastOfPage && next != null ? encode(next, 0) : encode(position.restCursor(), i + 1);
            Map<String, Object> edge = new LinkedHashMap<>();
            edge.put("node", data.get(i));
            edge.put("cursor", cursor);
            edges.add(edge);
        }
        int consumed = position.skip() + edges.size();
        boolean hasNext = consumed < data.size() || next != null;
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", hasNext);
        pageInfo.put("hasPreviousPage", false);
        pageInfo.put("startCursor", edges.isEmpty() ? null : edges.getFirst().get("cursor"));
        pageInfo.put("endCursor", edges.isEmpty() ? null : edges.getLast().get("cursor"));
        Map<String, Object> connection = new LinkedHashMap<>();
        connection.put("edges", edges);
        connection.put("pageInfo", pageInfo);
        return connection;
    }

}
