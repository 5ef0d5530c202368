package dev.glancemigrator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProblemMappersTest {

    record Pool(String cluster, List<Integer> sizes) {
    }

    record Request(Pool source) {
    }

    private final ProblemMappers mappers = new ProblemMappers("planner-service");

    private static Problem problem(Response response) {
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        return (Problem) response.getEntity();
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsA503ToTryAgainNotAnInternalError() {
        RuntimeException outage = new IllegalStateException("Unable to acquire JDBC Connection",
                new SQLTransientConnectionException("Communications link failure"));

        Response response = mappers.unexpected(outage);

        assertEquals(503, problem(response).status());
        assertEquals("5", response.getHeaderString("Retry-After"));
        assertFalse(problem(response).detail().contains("JDBC"), "no cause leaks to the caller");
    }

    @Test
    void anyOtherFailureIsAnInternalErrorThatNamesNoCause() {
        Response response = mappers.unexpected(new IllegalStateException("SELECT secret FROM t"));

        assertEquals(500, problem(response).status());
        assertFalse(problem(response).detail().contains("SELECT"));
    }

    @Test
    void aBodyOfTheWrongShapeIsNamedByItsFieldPath() {
        MismatchedInputException e = assertThrows(MismatchedInputException.class, () -> new ObjectMapper()
                .readValue("{\"source\": {\"cluster\": \"old\", \"sizes\": [1, \"many\"]}}", Request.class));

        Problem problem = problem(mappers.wrongShape(e));

        assertEquals(400, problem.status());
        assertEquals("malformed JSON body at 'source.sizes.[1]': a value of the wrong type", problem.detail());
    }

    @Test
    void badInputAndNotFoundSayWhatTheExceptionSays() {
        assertEquals(Problem.of(400, "'page' counts from 0, was -1"),
                problem(mappers.badInput(new BadInputException("'page' counts from 0, was -1"))));
        assertEquals(Problem.of(404, "no migration 1"), problem(mappers.notFound(new NotFoundException("no migration 1"))));
    }

    @Test
    void jaxRsRefusalsKeepTheirStatusAndHeaders() {
        Response response = mappers.web(new NotAllowedException("POST", new String[] {"GET"}));

        assertEquals(405, response.getStatus());
        assertEquals(405, problem(response).status());
        assertEquals("Method Not Allowed", problem(response).title());
        assertFalse(response.getAllowedMethods().isEmpty());
    }

    @Test
    void aParserErrorWrappedByJaxRsIsReportedAsMalformedJson() {
        MismatchedInputException cause = assertThrows(MismatchedInputException.class,
                () -> new ObjectMapper().readValue("{\"source\": []}", Request.class));

        Problem problem = problem(mappers.web(new WebApplicationException(cause, 400)));

        assertEquals(400, problem.status());
        assertTrue(problem.detail().startsWith("malformed JSON body at 'source'"), problem.detail());
    }

    @Test
    void anUnexpectedFailureLeaksNoCause() {
        Problem problem = problem(mappers.unexpected(new IllegalStateException("jdbc:mysql://db:3306 user migrator")));

        assertEquals(500, problem.status());
        assertEquals("internal error; see the log of planner-service", problem.detail());
    }
}
