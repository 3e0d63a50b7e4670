package dev.baton.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The address of a query in Grafana's Explore: the data source by Baton's name for it (name it as
 * Grafana does), the query, and the window in milliseconds, in the {@code left} parameter Grafana reads.
 */
public final class GrafanaExplore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GrafanaExplore() {}

    public static String url(String grafanaUrl, String dataSource, String query, QueryWindow window) {
        String base = grafanaUrl.endsWith("/") ? grafanaUrl.substring(0, grafanaUrl.length() - 1) : grafanaUrl;
        Map<String, Object> pane = new java.util.LinkedHashMap<>();
        pane.put("datasource", dataSource);
        pane.put("queries", List.of(Map.of("refId", "A", "expr", query)));
        pane.put("range", Map.of("from", Long.toString(window.start().toEpochMilli()),
                "to", Long.toString(window.end().toEpochMilli())));
        try {
            return base + "/explore?orgId=1&left=" + URLEncoder.encode(JSON.writeValueAsString(pane), StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings and numbers always write as JSON", e);
        }
    }
}
