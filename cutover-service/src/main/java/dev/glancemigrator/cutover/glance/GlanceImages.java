package dev.glancemigrator.cutover.glance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.glancemigrator.keystone.KeystoneUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Glance's image API on one node, as the check reads it: an image's recorded hash, and the hash of
 * its bytes as the node serves them (streamed, never held), asked as {@link GlanceIdentity} says. A token
 * Glance refuses is renewed and the request made once more.
 */
final class GlanceImages {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Glance's {@code os_hash_algo} names → Java's digest names. */
    private static final Map<String, String> DIGESTS = Map.of("sha512", "SHA-512", "sha384", "SHA-384", "sha256", "SHA-256",
            "sha1", "SHA-1", "md5", "MD5");
    private static final String CHECKSUM_ALGORITHM = "md5";
    private static final int HTTP_OK = 200;
    private static final int HTTP_UNAUTHORIZED = 401;

    private final HttpClient http;
    private final Duration timeout;
    private final GlanceIdentity identity;

    GlanceImages(HttpClient http, Duration timeout, GlanceIdentity identity) {
        this.http = http;
        this.timeout = timeout;
        this.identity = identity;
    }

    /** The image's recorded hash, read through {@code node}; empty when Glance recorded none. */
    Optional<SampleImage> recorded(GlanceNode node, String imageId) throws IOException, InterruptedException {
        HttpResponse<String> response = send(node, "v2/images/" + imageId, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != HTTP_OK) {
            throw new IOException("GET " + response.uri() + " answered " + response.statusCode());
        }
        JsonNode image = JSON.readTree(response.body());
        String algorithm = text(image, "os_hash_algo");
        String value = text(image, "os_hash_value");
        if (algorithm != null && value != null) {
            return Optional.of(new SampleImage(imageId, algorithm.toLowerCase(Locale.ROOT), value.toLowerCase(Locale.ROOT)));
        }
        String checksum = text(image, "checksum");
        return Optional.ofNullable(checksum).map(sum -> new SampleImage(imageId, CHECKSUM_ALGORITHM, sum.toLowerCase(Locale.ROOT)));
    }

    /** The hash, in {@code algorithm}, of the image's bytes as {@code node} serves them. */
    String servedHash(GlanceNode node, String imageId, String algorithm) throws IOException, InterruptedException {
        MessageDigest digest = digest(algorithm);
        HttpResponse<InputStream> response = send(node, "v2/images/" + imageId + "/file",
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = new DigestInputStream(response.body(), digest)) {
            if (response.statusCode() != HTTP_OK) {
                throw new ErrorAnswer("GET " + response.uri() + " answered " + response.statusCode());
            }
            body.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * @throws KeystoneUnavailableException the migrator's token could not be had: nothing was asked of the node
     */
    private <T> HttpResponse<T> send(GlanceNode node, String path, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        Map<String, String> headers = identity.headers();
        HttpResponse<T> response = http.send(request(node, path, headers), body);
        if (response.statusCode() == HTTP_UNAUTHORIZED && identity.renew(headers)) {
            discard(response);
            response = http.send(request(node, path, identity.headers()), body);
        }
        return response;
    }

    private HttpRequest request(GlanceNode node, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.resolve(path)).timeout(timeout).GET();
        headers.forEach(request::header);
        return request.build();
    }

    private static void discard(HttpResponse<?> response) throws IOException {
        if (response.body() instanceof InputStream stream) {
            stream.close();
        }
    }

    private static MessageDigest digest(String algorithm) {
        String name = DIGESTS.get(algorithm);
        if (name == null) {
            throw new IllegalArgumentException("unknown hash algorithm " + algorithm);
        }
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(JsonNode image, String field) {
        JsonNode value = image.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    /** The node answered, with an HTTP error: unlike a dropped connection, asking again will not help. */
    static final class ErrorAnswer extends IOException {
        ErrorAnswer(String message) {
            super(message);
        }
    }
}
