package dev.glancemigrator.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glancemigrator.cli.config.Endpoint;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * JSON over HTTP to one service, with its Keystone or bearer token. Every answer is a tree: fields a newer service adds
 * are carried along, not rejected. An error status becomes a {@link ServiceProblemException} carrying the
 * service's problem details; no answer at all, a {@link ServiceUnreachableException}.
 */
public class ServiceClient {

    /** How much of a body that is not a problem (a proxy's page) goes into the message. */
    private static final int FOREIGN_BODY_SHOWN = 200;
    private static final int UNAUTHORIZED = 401;

    private final Endpoint endpoint;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration readTimeout;
    private final Duration changeTimeout;
    private final Authenticator auth;

    /** With the endpoint's static token, from its token file, as a bearer token (none without a file). */
    public ServiceClient(Endpoint endpoint, ObjectMapper json, Duration connectTimeout, Duration readTimeout,
            Duration changeTimeout) {
        this(endpoint, Authenticator.fixed(endpoint.token().map(AuthHeader::bearer)), json, connectTimeout, readTimeout,
                changeTimeout);
    }

    /**
     * With {@code auth}'s header on every request (a Keystone token, or a bearer token), or none; a request
     * refused with 401 is sent once more when {@code auth} gets a new header.
     */
    public ServiceClient(Endpoint endpoint, Authenticator auth, ObjectMapper json, Duration connectTimeout,
            Duration readTimeout, Duration changeTimeout) {
        this.endpoint = endpoint;
        this.json = json;
        this.readTimeout = readTimeout;
        this.changeTimeout = changeTimeout;
        this.auth = auth;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
    }

    public String service() {
        return endpoint.service();
    }

    public JsonNode get(String path, Map<String, String> query) {
        return send("GET", path, query, null, readTimeout);
    }

    public JsonNode get(String path) {
        return get(path, Map.of());
    }

    /** A change (plan, cutover, rollback, cleanup): the services answer when it is done, so it may take long. */
    public JsonNode post(String path, Map<String, String> query, JsonNode body) {
        return send("POST", path, query, body, changeTimeout);
    }

    /** Query parameters in order, skipping the null ones. */
    public static Map<String, String> query(String... namesAndValues) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                query.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return query;
    }

    private JsonNode send(String method, String path, Map<String, String> query, JsonNode body, Duration timeout) {
        HttpResponse<String> response = exchange(method, path, query, body, timeout);
        if (response.statusCode() == UNAUTHORIZED && auth.renew()) {
            response = exchange(method, path, query, body, timeout);
        }
        if (response.statusCode() / 100 != 2) {
            throw new ServiceProblemException(endpoint.service(), response.statusCode(), problemOf(response));
        }
        return parse(response.body(), method, path);
    }

    private HttpResponse<String> exchange(String method, String path, Map<String, String> query, JsonNode body,
            Duration timeout) {
        URI uri = URI.create(endpoint.url() + path + queryString(query));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json, application/problem+json");
        auth.header().ifPresent(header -> request.header(header.name(), header.value()));
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within the connect timeout");
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer to " + method + " " + path + " within " + timeout.toSeconds() + "s");
        } catch (ConnectException e) {
            throw unreachable("connection refused");
        } catch (IOException e) {
            throw unreachable(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted");
        }
    }

    private JsonNode parse(String body, String method, String path) {
        try {
            return body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            throw new ServiceUnreachableException(endpoint.service() + " at " + endpoint.url() + " answered " + method
                    + " " + path + " with something that is not JSON");
        }
    }

    private JsonNode problemOf(HttpResponse<String> response) {
        try {
            JsonNode node = json.readTree(response.body());
            if (node != null && node.isObject() && node.has("status")) {
                return node;
            }
        } catch (IOException e) {
            // not a problem document: described below from the status and the body's start
        }
        ObjectNode stand = json.createObjectNode();
        stand.put("status", response.statusCode());
        String text = response.body().strip();
        stand.put("detail", text.isEmpty() ? "HTTP " + response.statusCode()
                : text.substring(0, Math.min(text.length(), FOREIGN_BODY_SHOWN)));
        return stand;
    }

    private ServiceUnreachableException unreachable(String why) {
        return new ServiceUnreachableException(endpoint.service() + " at " + endpoint.url() + " did not answer: " + why);
    }

    private static String queryString(Map<String, String> query) {
        if (query.isEmpty()) {
            return "";
        }
        return query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&", "?", ""));
    }
}
