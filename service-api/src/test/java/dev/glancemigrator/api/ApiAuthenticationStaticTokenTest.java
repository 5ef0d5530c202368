package dev.glancemigrator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.events.Actor;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static bearer token, Keystone off (as before Keystone) and on. */
class ApiAuthenticationStaticTokenTest {

    private static final String TOKEN = "s3cret-Token-0123456789";
    private static final String PROPERTY = "planner.api.token-file";

    @TempDir
    Path dir;

    private Check check(String fileContent, boolean readsNeedToken) throws IOException {
        Path file = dir.resolve("token");
        Files.writeString(file, fileContent);
        return new Check(new ApiAuthentication(new ApiAccess(PROPERTY, Optional.of(file), readsNeedToken, "alice"),
                KeystoneSettings.off(), Optional.empty(), Clock.systemUTC()));
    }

    /** The old shape of the check: empty when the request may go on, else the answer. */
    record Check(ApiAuthentication authentication) {
        Optional<Response> refusal(String method, String path, String authorization) {
            ApiAuthentication.Outcome outcome = authentication.check(method, path, authorization, null);
            return outcome instanceof ApiAuthentication.Refuse refuse ? Optional.of(refuse.response()) : Optional.empty();
        }
    }

    static Problem problem(Optional<Response> refusal) {
        assertTrue(refusal.isPresent(), "refused");
        assertEquals(Problem.MEDIA_TYPE, refusal.get().getMediaType().toString());
        return (Problem) refusal.get().getEntity();
    }

    @Test
    void theStaticTokenStandsForItsOperatorWithTheAdminRole() throws IOException {
        ApiAuthentication.Outcome outcome = check(TOKEN, false).authentication()
                .check("POST", "/migrations", "Bearer " + TOKEN, null);
        assertEquals(new ApiAuthentication.Pass(new Actor("alice", null, null, null, List.of("admin"),
                Actor.AuthMethod.STATIC_TOKEN)), outcome);
        assertEquals(new ApiAuthentication.Pass(null), check(TOKEN, false).authentication()
                .check("GET", "/migrations", null, null));
    }

    @Test
    void aKeystoneTokenIsRefusedWhenKeystoneIsOffSayingSo() throws IOException {
        Optional<Response> refusal = Optional.of(((ApiAuthentication.Refuse) check(TOKEN, true).authentication()
                .check("GET", "/migrations", null, "gAAAA-some-keystone-token")).response());
        assertEquals(401, problem(refusal).status());
        assertTrue(problem(refusal).detail().contains("gm.keystone.auth-url is not set"), problem(refusal).detail());
        // Sent beside the static token (a client that sends both), the static token decides.
        assertEquals(Actor.staticToken("alice"), ((ApiAuthentication.Pass) check(TOKEN, true).authentication()
                .check("POST", "/migrations", "Bearer " + TOKEN, "gAAAA-some-keystone-token")).actor());
    }

    @Test
    void theDefaultOperatorIsOperator() {
        assertEquals("operator", new ApiAccess(PROPERTY, Optional.empty(), false).tokenOperator());
        assertEquals("operator", new ApiAccess(PROPERTY, Optional.empty(), false, " ").tokenOperator());
    }

    @Test
    void theTokenFromTheFileLetsAChangeThrough() throws IOException {
        assertEquals(Optional.empty(), check(TOKEN + "\n", false).refusal("POST", "/migrations", "Bearer " + TOKEN));
        assertEquals(Optional.empty(), check(TOKEN, false).refusal("POST", "migrations/1/replan", "bearer " + TOKEN));
    }

    @Test
    void aChangeWithoutATokenIsAskedForOneWithWwwAuthenticate() throws IOException {
        for (String header : new String[] {null, "Basic " + TOKEN, ""}) {
            Optional<Response> refusal = check(TOKEN, false).refusal("POST", "/migrations", header);
            assertEquals(401, problem(refusal).status());
            assertEquals("Bearer", refusal.get().getHeaderString("WWW-Authenticate"));
            assertTrue(problem(refusal).detail().contains(PROPERTY), problem(refusal).detail());
        }
    }

    @Test
    void aWrongTokenIsRefusedAndSoIsAnyPrefixOrExtensionOfTheRightOne() throws IOException {
        Check check = check(TOKEN, false);
        for (String guess : new String[] {"wrong", TOKEN.substring(0, TOKEN.length() - 1), TOKEN + "x", "", "x" + TOKEN,
                TOKEN.toUpperCase()}) {
            Problem problem = problem(check.refusal("DELETE", "/migrations/1", "Bearer " + guess));
            assertEquals(403, problem.status(), guess);
            assertEquals("the bearer token is not valid", problem.detail());
        }
    }

    @Test
    void readsPassUnlessTheyNeedTheTokenToo() throws IOException {
        assertEquals(Optional.empty(), check(TOKEN, false).refusal("GET", "/migrations/1", null));
        assertEquals(401, problem(check(TOKEN, true).refusal("GET", "/migrations/1", null)).status());
        assertEquals(Optional.empty(), check(TOKEN, true).refusal("GET", "/migrations/1", "Bearer " + TOKEN));
    }

    @Test
    void onlyTheManagementPathsAreOpen() throws IOException {
        Check check = check(TOKEN, true);
        for (String path : new String[] {"/q/health", "/q/health/ready", "q/health/live", "/q/metrics", "/q/openapi",
                "/q/openapi.json"}) {
            assertEquals(Optional.empty(), check.refusal("POST", path, null), path);
        }
        for (String path : new String[] {"/migrations", "migrations/1", "/migrationsx", "/", "", "/other"}) {
            assertEquals(401, problem(check.refusal("POST", path, null)).status(), path);
        }
    }

    @Test
    void noSpellingOfAPathSlipsPastTheGuard() throws IOException {
        Check check = check(TOKEN, true);
        for (String path : new String[] {"/migrations;x=1/1/cutover", "//migrations/1/cutover", "///migrations",
                "/%6Digrations/1", "/migrations%2F1%2Fcutover", "/Migrations/1", "/./migrations/1", "/x/../migrations",
                "/q/health/../../migrations/1", "/q/health;x=1/../../migrations", "/q/health/%2E%2E/%2E%2E/migrations",
                "/q/healthx", "/q//health", "/q/health/..", "/q/metrics;a=b", "/q/openapi.json/../../migrations",
                "/q", "/q/", "/q/dev-ui", "/q/health\\..\\..\\migrations"}) {
            assertEquals(401, problem(check.refusal("POST", path, null)).status(), path);
        }
    }

    @Test
    void aMissingTokenFileRefusesEveryGuardedRequestSayingWhichSettingWithoutItsPath() {
        Path missing = dir.resolve("no-such-token");
        Check check = new Check(new ApiAuthentication(new ApiAccess(PROPERTY, Optional.of(missing), false),
                KeystoneSettings.off(), Optional.empty(), Clock.systemUTC()));

        Problem problem = problem(check.refusal("POST", "/migrations", "Bearer anything"));
        assertEquals(403, problem.status());
        assertTrue(problem.detail().contains("no API token is configured") && problem.detail().contains(PROPERTY),
                problem.detail());
        assertFalse(problem.detail().contains(missing.toString()), problem.detail());
    }

    @Test
    void anEmptyOrUnsetTokenFileRefusesToo() throws IOException {
        assertEquals(403, problem(check(" \n", false).refusal("POST", "/migrations", "Bearer ")).status());
        Check unset = new Check(new ApiAuthentication(new ApiAccess(PROPERTY, Optional.empty(), false),
                KeystoneSettings.off(), Optional.empty(), Clock.systemUTC()));
        Problem problem = problem(unset.refusal("POST", "/migrations", "Bearer x"));
        assertEquals(403, problem.status());
        assertTrue(problem.detail().contains(PROPERTY + " is not set"), problem.detail());
    }

    @Test
    void aServiceThatDeclaresNoAccessServesNothingUnderMigrations() {
        Check undeclared = new Check(ApiAuthentication.undeclared());
        assertEquals(403, problem(undeclared.refusal("GET", "/migrations", "Bearer x")).status());
        assertEquals(Optional.empty(), undeclared.refusal("GET", "/q/health", null));
    }

    @Test
    void noAnswerEverContainsTheToken() throws IOException {
        Check check = check(TOKEN, true);
        for (String header : new String[] {null, "Bearer wrong", "Bearer " + TOKEN.substring(0, 5)}) {
            Problem problem = problem(check.refusal("GET", "/migrations", header));
            assertFalse(problem.toString().contains(TOKEN), problem.toString());
        }
    }
}
