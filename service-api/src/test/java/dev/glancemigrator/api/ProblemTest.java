package dev.glancemigrator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aPlainProblemIsAboutBlankTitledWithItsStatusReason() throws Exception {
        Problem problem = Problem.of(Response.Status.BAD_REQUEST, "'size' must be between 1 and 500, was 0")
                .at(URI.create("/migrations/x/images"));

        assertEquals("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
                + "\"detail\":\"'size' must be between 1 and 500, was 0\",\"instance\":\"/migrations/x/images\"}",
                json.writeValueAsString(problem));
    }

    @Test
    void absentMembersAreLeftOutNotWrittenAsNull() throws Exception {
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403}",
                json.writeValueAsString(Problem.of(403, null)));
    }

    @Test
    void extensionMembersStandBesideTheStandardOnes() throws Exception {
        Problem problem = Problem.of(Response.Status.CONFLICT, "preconditions fail")
                .ofType(URI.create("tag:example,2026:blocked"), "Blocked")
                .with("blockers", List.of(Map.of("code", "IMAGE_NOT_VERIFIED")));

        assertEquals("{\"type\":\"tag:example,2026:blocked\",\"title\":\"Blocked\",\"status\":409,"
                + "\"detail\":\"preconditions fail\",\"blockers\":[{\"code\":\"IMAGE_NOT_VERIFIED\"}]}",
                json.writeValueAsString(problem));
    }

    @Test
    void aStandardMemberCannotBeAddedAsAnExtension() {
        assertThrows(IllegalArgumentException.class, () -> Problem.of(400, "x").with("status", 500));
    }

    @Test
    void aStatusWithoutAKnownReasonIsTitledByItsCode() {
        assertEquals("HTTP 599", Problem.of(599, "x").title());
    }

    @Test
    void itsResponseCarriesTheStatusAndTheProblemMediaType() {
        Problem problem = Problem.of(Response.Status.BAD_GATEWAY, "Glance did not come back");
        Response response = problem.toResponse();

        assertEquals(502, response.getStatus());
        assertEquals("application/problem+json", response.getMediaType().toString());
        assertEquals(problem, response.getEntity());
    }
}
