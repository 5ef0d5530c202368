package dev.glancemigrator.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local Glance API as a user reaches it, for tests that make images the way users made them: as
 * the stack's {@code operator} (role admin on project {@code ops}), with a Keystone token
 * ({@link StackKeystone}) in {@code X-Auth-Token}, renewed once when Glance answers 401.
 */
public final class GlanceApi {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final String USER = "operator";

    private final String baseUrl;
    private final StackKeystone keystone;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public GlanceApi(LocalStack stack) {
        this(stack, stack.glanceUrl());
    }

    /** The Glance API at {@code url}: one node of the stack's ({@link LocalStack#glanceNodeUrls()}). */
    public GlanceApi(LocalStack stack, String url) {
        this.baseUrl = url + "/v2/images";
        this.keystone = StackKeystone.of(stack);
    }

    /** The Glance API at {@code url}, one node of the {@linkplain LocalStack#current() current} stack's. */
    public GlanceApi(String url) {
        this(LocalStack.current(), url);
    }

    /** Creates a raw image record; its name is sent as JSON, so any Unicode name works. */
    public String create(String name) {
        String body = "{\"name\": \"" + name.replace("\\", "\\\\").replace("\"", "\\\"")
                + "\", \"disk_format\": \"raw\", \"container_format\": \"bare\"}";
        String response = send(request("").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 201);
        Matcher id = ID.matcher(response);
        if (!id.find()) {
            throw new IllegalStateException("Glance answered without an image id: " + response);
        }
        return id.group(1);
    }

    public void upload(String imageId, byte[] data) {
        send(request("/" + imageId + "/file").header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)), 204);
    }

    /** Creates and uploads; returns the image id. */
    public String createWithData(String name, byte[] data) {
        String id = create(name);
        upload(id, data);
        return id;
    }

    public void delete(String imageId) {
        send(request("/" + imageId).DELETE(), 204);
    }

    public void deactivate(String imageId) {
        send(request("/" + imageId + "/actions/deactivate").POST(HttpRequest.BodyPublishers.noBody()), 204);
    }

    public byte[] download(String imageId) {
        return sendForBytes(request("/" + imageId + "/file").GET());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT);
    }

    private String send(HttpRequest.Builder request, int expectedStatus) {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new IllegalStateException("Glance answered " + response.statusCode() + " to "
                    + response.request().method() + " " + response.uri() + ": " + response.body());
        }
        return response.body();
    }

    private byte[] sendForBytes(HttpRequest.Builder request) {
        HttpResponse<byte[]> response = exchange(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Glance answered " + response.statusCode() + " to GET " + response.uri());
        }
        return response.body();
    }

    /** Sends with the operator's token; once more with a new token when Glance refuses that one (401). */
    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        HttpResponse<T> response = exchangeOnce(request, handler);
        if (response.statusCode() == 401) {
            keystone.forget(USER);
            response = exchangeOnce(request, handler);
        }
        return response;
    }

    private <T> HttpResponse<T> exchangeOnce(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request.copy().setHeader(StackKeystone.TOKEN_HEADER, keystone.token(USER)).build(), handler);
        } catch (IOException e) {
            throw new IllegalStateException("Glance did not answer at " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
