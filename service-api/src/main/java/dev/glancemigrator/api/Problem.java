package dev.glancemigrator.api;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Every error a service answers, as RFC 9457 problem details ({@code application/problem+json}).
 * {@code type} is {@code about:blank} (the problem means no more than its status, and {@code title} is
 * the status's reason phrase) unless a service names a problem of its own; {@code detail} is one sentence
 * for the caller, never a cause's text; {@code instance} is the request's path. Extension members (the
 * cutover's {@code blockers}) stand beside the standard ones.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
@Schema(name = "Problem", description = "RFC 9457 problem details: what was wrong with the request")
public record Problem(
        @Schema(example = "about:blank") URI type,
        @Schema(example = "Bad Request") String title,
        @Schema(example = "400") int status,
        @Schema(example = "unknown target cluster 'neww': configured are new, old") String detail,
        @Schema(example = "/migrations") URI instance,
        @JsonIgnore @Schema(hidden = true) Map<String, Object> extensions) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final URI ABOUT_BLANK = URI.create("about:blank");

    private static final Set<String> STANDARD_MEMBERS = Set.of("type", "title", "status", "detail", "instance");

    public Problem {
        Objects.requireNonNull(type, "type");
        extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    /** A problem that means no more than its HTTP status. */
    public static Problem of(int status, String detail) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return new Problem(ABOUT_BLANK, known != null ? known.getReasonPhrase() : "HTTP " + status, status, detail,
                null, Map.of());
    }

    public static Problem of(Response.StatusType status, String detail) {
        return of(status.getStatusCode(), detail);
    }

    /** The same problem as one of a named type, which its {@code title} summarises for every occurrence. */
    public Problem ofType(URI type, String title) {
        return new Problem(type, title, status, detail, instance, extensions);
    }

    /** The same problem, about this occurrence. */
    public Problem at(URI instance) {
        return new Problem(type, title, status, detail, instance, extensions);
    }

    /** The same problem with one more extension member. */
    public Problem with(String member, Object value) {
        if (STANDARD_MEMBERS.contains(member)) {
            throw new IllegalArgumentException("'" + member + "' is a standard member, not an extension");
        }
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(type, title, status, detail, instance, more);
    }

    /** The extension members, written beside the standard ones. */
    @JsonAnyGetter
    Map<String, Object> members() {
        return extensions;
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
