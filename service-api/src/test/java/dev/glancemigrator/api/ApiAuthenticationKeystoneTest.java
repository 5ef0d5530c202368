package dev.glancemigrator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.events.Actor;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules with Keystone configured, Keystone itself replaced by a map of the tokens it knows. */
class ApiAuthenticationKeystoneTest {

    private static final String STATIC = "static-Token-0123456789";
    private static final String READER = "gAAAAreader-token";
    private static final String ADMIN = "gAAAAadmin-token";
    private static final String NOBODY = "gAAAAnot-a-token";
    private static final Instant NOW = Instant.parse("2026-11-30T16:00:00Z");

    @TempDir
    Path dir;

    /** Keystone: the tokens it knows now, whether it answers, how often it was asked. */
    static final class FakeTokens implements KeystoneTokens {
        final Map<String, ValidToken> known = new HashMap<>();
        boolean down;
        int asked;

        @Override
        public Optional<ValidToken> validate(String subjectToken) throws IOException {
            asked++;
            if (down) {
                throw new IOException("Keystone at http://127.0.0.1:1/v3/auth/tokens does not answer: connection refused");
            }
            return Optional.ofNullable(known.get(subjectToken));
        }
    }

    static final class MutableClock extends Clock {
        Instant now = NOW;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final FakeTokens keystone = new FakeTokens();
    private final MutableClock clock = new MutableClock();

    static KeystoneSettings settings(Duration cacheTime) {
        KeystoneSettings off = KeystoneSettings.off();
        return new KeystoneSettings(Optional.of(URI.create("http://keystone.example:5000/v3")), "migrator", "pw",
                "service", "Default", "Default", cacheTime, 100, off.readerRoles(), off.adminRoles(), Duration.ofSeconds(5));
    }

    private ApiAuthentication authentication(Duration cacheTime) throws IOException {
        keystone.known.put(READER, new KeystoneTokens.ValidToken("u-reader", "rita", "p-1", "ops", List.of("reader"),
                NOW.plus(Duration.ofHours(1))));
        keystone.known.put(ADMIN, new KeystoneTokens.ValidToken("u-admin", "alice", "p-1", "ops", List.of("Admin", "member"),
                NOW.plus(Duration.ofHours(1))));
        Path file = dir.resolve("token");
        Files.writeString(file, STATIC);
        return new ApiAuthentication(new ApiAccess("planner.api.token-file", Optional.of(file), false, "ops-robot"),
                settings(cacheTime), Optional.of(keystone), clock);
    }

    private static Response refused(ApiAuthentication.Outcome outcome, int status) {
        Response response = assertInstanceOf(ApiAuthentication.Refuse.class, outcome).response();
        assertEquals(status, response.getStatus(), () -> String.valueOf(response.getEntity()));
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        return response;
    }

    private static Actor passed(ApiAuthentication.Outcome outcome) {
        return assertInstanceOf(ApiAuthentication.Pass.class, outcome, () -> outcome.toString()).actor();
    }

    @Test
    void withoutCredentials401NamingBothSchemesReadsIncluded() throws IOException {
        ApiAuthentication auth = authentication(Duration.ofSeconds(30));
        for (String method : new String[] {"GET", "POST"}) {
            Response response = refused(auth.check(method, "/migrations", null, null), 401);
            assertEquals(List.of("Bearer", "Keystone uri=\"http://keystone.example:5000/v3\""),
                    response.getHeaders().get("WWW-Authenticate").stream().map(Object::toString).toList());
            assertTrue(((Problem) response.getEntity()).detail().contains("X-Auth-Token"));
        }
        assertEquals(0, keystone.asked);
    }

    @Test
    void aReaderReadsButMayNotChange() throws IOException {
        ApiAuthentication auth = authentication(Duration.ofSeconds(30));
        Actor rita = passed(auth.check("GET", "/migrations/1/events", null, READER));
        assertEquals(new Actor("rita", "u-reader", "ops", "p-1", List.of("reader"), Actor.AuthMethod.KEYSTONE), rita);
        Problem problem = (Problem) refused(auth.check("POST", "/migrations", null, READER), 403).getEntity();
        assertTrue(problem.detail().contains("rita@ops may not change this") && problem.detail().contains("[admin]"),
                problem.detail());
        refused(auth.check("DELETE", "migrations/1", null, READER), 403);
    }

    @Test
    void anAdminChangesAndReadsWhateverTheCaseOfItsRole() throws IOException {
        ApiAuthentication auth = authentication(Duration.ofSeconds(30));
        Actor alice = passed(auth.check("POST", "/migrations/1/cutover", null, ADMIN));
        assertEquals("alice", alice.userName());
        assertEquals(Actor.AuthMethod.KEYSTONE, alice.authMethod());
        assertEquals(List.of("Admin", "member"), alice.roles());
        assertEquals(alice, passed(auth.check("GET", "/migrations", null, ADMIN)));
    }

    @Test
    void aTokenWithNoneOfTheRolesMayNotEvenRead() throws IOException {
        ApiAuthentication auth = authentication(Duration.ofSeconds(30));
        keystone.known.put("gAAAAguest", new KeystoneTokens.ValidToken("u-g", "gus", "p-2", "other", List.of("guest"),
                NOW.plus(Duration.ofHours(1))));
        refused(auth.check("GET", "/migrations", null, "gAAAAguest"), 403);
    }

    @Test
    void anUnknownTokenIs401AndNotCachedAsSuch() throws IOException {
        ApiAuthentication auth = authentication(Duration.ofSeconds(30));
        Response response = refused(auth.check("GET", "/migrations", null, NOBODY), 401);
        assertEquals("Bearer", response.getHeaderString("WWW-Authenticate").split(",")[0]);
        refused(auth.check("GET", "/migrations", null, NOBODY), 401);
        assertEquals(2, keystone.asked);
    }

    @Test
    void anExpiredTokenIs401EvenWhileCached() throws IOException {
        ApiAuthentication auth = authentication(Duration.ofHours(2));
        keystone.known.put("gAAAAshort", new KeystoneTokens.ValidToken("u-admin", "alice", "p-1", "ops", List.of("admin"),
                NOW.plus(Duration.ofMinutes(1))));
        passed(auth.check("POST", "/migrations", null, "gAAAAshort"));
        clock.now = NOW.plus(Duration.ofMinutes(2));
        keystone.known.remove("gAAAAshort"); // Keystone no longer knows an expired token
        refused(auth.check("POST", "/migrations", null, "gAAAAshort"), 401);
        // One Keystone still answers for (a clock skew): its expiry decides.
        keystone.known.put("gAAAAskewed", new KeystoneTokens.ValidToken("u", "bob", "p", "ops", List.of("admin"),
                clock.now.minusSeconds(1)));
        refused(auth.check("POST", "/migrations", null, "gAAAAskewed"), 401);
    }

    @Test
    void aValidationIsCachedForTheCacheTimeSoARevocationTakesEffectWithinIt() throws IOException {
        ApiAuthentication auth = authentication(Duration.ofSeconds(30));
        passed(auth.check("POST", "/migrations", null, ADMIN));
        passed(auth.check("GET", "/migrations", null, ADMIN));
        assertEquals(1, keystone.asked);
        keystone.known.remove(ADMIN); // revoked
        clock.now = NOW.plusSeconds(29);
        passed(auth.check("POST", "/migrations", null, ADMIN));
        clock.now = NOW.plusSeconds(30);
        refused(auth.check("POST", "/migrations", null, ADMIN), 401);
        assertEquals(2, keystone.asked);
    }

    @Test
    void keystoneDownIs503AndNeverAVerdictOnTheToken() throws IOException {
        ApiAuthentication auth = authentication(Duration.ofSeconds(30));
        keystone.down = true;
        Response response = refused(auth.check("GET", "/migrations", null, READER), 503);
        assertEquals("5", response.getHeaderString("Retry-After"));
        keystone.down = false;
        passed(auth.check("GET", "/migrations", null, READER));
    }

    @Test
    void aValidatedTokenStaysValidWhileKeystoneIsDownUntilTheCacheTime() throws IOException {
        ApiAuthentication auth = authentication(Duration.ofSeconds(30));
        passed(auth.check("GET", "/migrations", null, READER));
        keystone.down = true;
        passed(auth.check("GET", "/migrations", null, READER));
        clock.now = NOW.plusSeconds(31);
        refused(auth.check("GET", "/migrations", null, READER), 503);
    }

    @Test
    void theStaticTokenStillWorksBesideKeystone() throws IOException {
        ApiAuthentication auth = authentication(Duration.ofSeconds(30));
        assertEquals(Actor.staticToken("ops-robot"), passed(auth.check("POST", "/migrations", "Bearer " + STATIC, null)));
        refused(auth.check("POST", "/migrations", "Bearer wrong", null), 403);
        assertEquals(0, keystone.asked);
        // Both sent: the Keystone token decides.
        refused(auth.check("POST", "/migrations", "Bearer " + STATIC, READER), 403);
    }

    @Test
    void withoutAStaticTokenKeystoneAloneServes() {
        ApiAuthentication auth = new ApiAuthentication(new ApiAccess("cutover.api.token-file", Optional.empty(), true),
                settings(Duration.ofSeconds(30)), Optional.of(keystone), clock);
        keystone.known.put(ADMIN, new KeystoneTokens.ValidToken("u", "alice", "p", "ops", List.of("admin"),
                NOW.plus(Duration.ofHours(1))));
        passed(auth.check("POST", "/migrations", null, ADMIN));
        Problem problem = (Problem) refused(auth.check("POST", "/migrations", "Bearer x", null), 403).getEntity();
        assertTrue(problem.detail().contains("X-Auth-Token"), problem.detail());
    }

    @Test
    void outsideMigrationsNothingIsAskedNorChecked() throws IOException {
        ApiAuthentication auth = authentication(Duration.ofSeconds(30));
        assertEquals(new ApiAuthentication.Pass(null), auth.check("GET", "/q/health/ready", null, NOBODY));
        assertEquals(0, keystone.asked);
    }

    @Test
    void theCacheIsBounded() throws IOException {
        KeystoneSettings small = settings(Duration.ofMinutes(5));
        small = new KeystoneSettings(small.authUrl(), small.user(), small.password(), small.project(), small.userDomain(),
                small.projectDomain(), small.cacheTime(), 2, small.readerRoles(), small.adminRoles(), small.requestTimeout());
        ApiAuthentication auth = new ApiAuthentication(new ApiAccess("p", Optional.empty(), false), small,
                Optional.of(keystone), clock);
        for (String token : new String[] {"a", "b", "c"}) {
            keystone.known.put(token, new KeystoneTokens.ValidToken("u", token, "p", "ops", List.of("reader"),
                    NOW.plus(Duration.ofHours(1))));
            passed(auth.check("GET", "/migrations", null, token));
        }
        passed(auth.check("GET", "/migrations", null, "c"));
        assertEquals(3, keystone.asked);
        passed(auth.check("GET", "/migrations", null, "a")); // the least recently used went
        assertEquals(4, keystone.asked);
    }

    @Test
    void noAnswerEverContainsAToken() throws IOException {
        ApiAuthentication auth = authentication(Duration.ofSeconds(30));
        List<ApiAuthentication.Outcome> outcomes = new java.util.ArrayList<>();
        outcomes.add(auth.check("POST", "/migrations", null, READER));
        outcomes.add(auth.check("POST", "/migrations", null, NOBODY));
        outcomes.add(auth.check("POST", "/migrations", "Bearer " + STATIC.substring(0, 6), null));
        outcomes.add(auth.check("POST", "/migrations", null, null));
        keystone.down = true;
        outcomes.add(auth.check("POST", "/migrations", null, ADMIN));
        for (ApiAuthentication.Outcome outcome : outcomes) {
            Response response = assertInstanceOf(ApiAuthentication.Refuse.class, outcome).response();
            String all = response.getEntity() + " " + response.getHeaders();
            for (String secret : Set.of(STATIC, READER, ADMIN, NOBODY, "pw")) {
                assertFalse(all.contains(secret), secret + " in " + all);
            }
        }
        assertFalse(settings(Duration.ofSeconds(1)).toString().contains("pw"));
    }
}
