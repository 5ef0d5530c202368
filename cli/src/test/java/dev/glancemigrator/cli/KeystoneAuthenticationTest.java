package dev.glancemigrator.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.glancemigrator.cli.auth.CloudsYaml;
import dev.glancemigrator.cli.auth.OpenStackAuthLocator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole command against a stand-in Keystone and stand-in services (the JDK's HTTP server): which
 * credentials win, what Keystone is asked, and what the planner and the cutover service receive.
 */
class KeystoneAuthenticationTest {

    private static final String PASSWORD = "pa55word-never-shown";
    private static final String ISSUED = "gAAAAA-issued-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<JsonNode> keystoneBodies = new CopyOnWriteArrayList<>();
    private final List<String> keystonePaths = new CopyOnWriteArrayList<>();
    private final List<String> serviceAuthTokens = new CopyOnWriteArrayList<>();
    private final List<String> serviceAuthorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger keystoneStatus = new AtomicInteger(201);
    /** Token requests Keystone answers 503 before it issues, as while its database is away. */
    private final AtomicInteger keystoneUnavailable = new AtomicInteger();
    /** Requests the services refuse with 401 before they answer, as when a token expired. */
    private final AtomicInteger servicesRefuse = new AtomicInteger();
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v3/auth/tokens", exchange -> {
            keystonePaths.add(exchange.getRequestURI().getPath());
            keystoneBodies.add(JSON.readTree(exchange.getRequestBody()));
            if (keystoneUnavailable.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reply(exchange, 503, "{\"error\":{\"code\":503,\"message\":\"Service Unavailable\"}}");
            } else if (keystoneStatus.get() == 201) {
                exchange.getResponseHeaders().set("X-Subject-Token", ISSUED);
                reply(exchange, 201, """
                        {"token":{"expires_at":"2099-01-01T00:00:00.000000Z","user":{"id":"u1","name":"operator"},
                         "project":{"id":"p1","name":"admin"},"roles":[{"name":"admin"}]}}""");
            } else {
                reply(exchange, keystoneStatus.get(), "{\"error\":{\"code\":401,\"message\":\"The request you have made requires authentication.\"}}");
            }
        });
        server.createContext("/migrations", exchange -> {
            serviceAuthTokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Auth-Token")));
            serviceAuthorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            if (servicesRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reply(exchange, 401, "{\"status\":401,\"title\":\"Unauthorized\",\"detail\":\"the token is not valid\"}");
            } else if (exchange.getRequestURI().getPath().endsWith("/cutover")) {
                reply(exchange, 200, "{\"state\":\"NOT_STARTED\"}");
            } else {
                reply(exchange, 200, "{\"page\":0,\"size\":1,\"total\":1,\"items\":[{\"id\":\"m-1\"}]}");
            }
        });
        server.start();
        env.put("GM_PLANNER_URL", url());
        env.put("GM_CUTOVER_URL", url());
        env.put("GM_CLI_CONFIG", Files.writeString(dir.resolve("cli.properties"), "").toString());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private record Run(int exit, String err) {
    }

    private Run run(String... args) {
        OpenStackAuthLocator locator = new OpenStackAuthLocator(env,
                CloudsYaml.searchPath(env, dir.resolve("cwd"), dir.resolve("home"), dir.resolve("etc")));
        GlanceMigratorCommand root = new GlanceMigratorCommand(CommandLineTest.DEFAULTS, env, locator);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        StringWriter usage = new StringWriter();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream()));
        try {
            int exit = new CommandLine(root).setErr(new PrintWriter(usage)).setOut(new PrintWriter(new StringWriter()))
                    .setExecutionExceptionHandler(new ErrorReport(new PrintStream(err, true, StandardCharsets.UTF_8)))
                    .execute(args);
            return new Run(exit, err.toString(StandardCharsets.UTF_8) + usage);
        } finally {
            System.setOut(stdout);
        }
    }

    private Path cloudsYaml(String authUrl) throws IOException {
        Files.createDirectories(dir.resolve("etc"));
        return Files.writeString(dir.resolve("etc/clouds.yaml"), """
                clouds:
                  gm-operator:
                    auth:
                      auth_url: %s
                      username: operator
                      password: %s
                      project_name: admin
                      user_domain_name: Default
                      project_domain_name: Default
                """.formatted(authUrl, PASSWORD));
    }

    @Test
    void theCloudsTokenIsIssuedOnceAndReachesBothServicesAsX_Auth_TokenOverTheTokenFile() throws IOException {
        cloudsYaml(url());
        env.put("GM_TOKEN_FILE", Files.writeString(dir.resolve("token"), "static-token").toString());

        Run run = run("cutover-status", "--os-cloud", "gm-operator", "--token-file", dir.resolve("token").toString(), "-o", "json");

        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of("/v3/auth/tokens"), keystonePaths);
        assertEquals(List.of(ISSUED, ISSUED), serviceAuthTokens);
        assertEquals(List.of("null", "null"), serviceAuthorizations);
        JsonNode body = keystoneBodies.get(0).path("auth");
        assertEquals("password", body.path("identity").path("methods").get(0).asText());
        JsonNode user = body.path("identity").path("password").path("user");
        assertEquals("operator", user.path("name").asText());
        assertEquals(PASSWORD, user.path("password").asText());
        assertEquals("Default", user.path("domain").path("name").asText());
        assertEquals("admin", body.path("scope").path("project").path("name").asText());
        assertEquals("Default", body.path("scope").path("project").path("domain").path("name").asText());
    }

    @Test
    void aTokenFileOptionWinsOverTheCloudOfTheEnvironment() throws IOException {
        cloudsYaml(url());
        env.put("OS_CLOUD", "gm-operator");
        Path tokenFile = Files.writeString(dir.resolve("token"), "static-token");

        Run run = run("migrations", "--token-file", tokenFile.toString());

        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of(), keystonePaths);
        assertEquals(List.of("Bearer static-token"), serviceAuthorizations);
    }

    @Test
    void aTokenAServiceRefusesIsIssuedAgainAndTheRequestSentOnceMore() throws IOException {
        cloudsYaml(url());
        env.put("OS_CLOUD", "gm-operator");
        servicesRefuse.set(1);

        Run run = run("migrations", "-o", "json");

        assertEquals(0, run.exit(), run.err());
        assertEquals(2, keystonePaths.size(), "a new token after the refusal");
        assertEquals(List.of(ISSUED, ISSUED), serviceAuthTokens);
    }

    @Test
    void aWatchWaitsOutAKeystoneThatIsAwayWhenItStarts() throws IOException {
        cloudsYaml(url());
        env.put("OS_CLOUD", "gm-operator");
        keystoneUnavailable.set(2);

        Run run = run("status", "m-1", "--watch", "--interval", "0.1", "-o", "json");

        assertEquals(0, run.exit(), run.err());
        assertEquals(3, keystonePaths.size(), "asked until Keystone issued a token");
        assertEquals(List.of(ISSUED), serviceAuthTokens);
    }

    @Test
    void aStaticTokenAServiceRefusesIsNotSentAgain() throws IOException {
        env.put("GM_TOKEN_FILE", Files.writeString(dir.resolve("token"), "static-token\n").toString());
        servicesRefuse.set(1);

        Run run = run("migrations");

        assertEquals(ExitCode.SERVICE_ERROR, run.exit(), run.err());
        assertEquals(1, serviceAuthorizations.size());
    }

    @Test
    void anApplicationCredentialFromTheOs_VariablesWithTheAuthUrlEndingInV3() {
        env.putAll(Map.of("OS_AUTH_URL", url() + "/v3/", "OS_AUTH_TYPE", "v3applicationcredential",
                "OS_APPLICATION_CREDENTIAL_ID", "app-1", "OS_APPLICATION_CREDENTIAL_SECRET", PASSWORD));

        Run run = run("migrations", "-o", "json");

        assertEquals(0, run.exit(), run.err());
        JsonNode identity = keystoneBodies.get(0).path("auth").path("identity");
        assertEquals("application_credential", identity.path("methods").get(0).asText());
        assertEquals("app-1", identity.path("application_credential").path("id").asText());
        assertEquals(PASSWORD, identity.path("application_credential").path("secret").asText());
        assertTrue(keystoneBodies.get(0).path("auth").path("scope").isMissingNode());
        assertEquals(List.of(ISSUED), serviceAuthTokens);
    }

    @Test
    void withoutOpenStackCredentialsTheTokenFileIsABearerTokenAndKeystoneIsNotAsked() throws IOException {
        env.put("GM_TOKEN_FILE", Files.writeString(dir.resolve("token"), "static-token\n").toString());

        Run run = run("migrations");

        assertEquals(0, run.exit(), run.err());
        assertEquals(List.of(), keystonePaths);
        assertEquals(List.of("Bearer static-token"), serviceAuthorizations);
        assertEquals(List.of("null"), serviceAuthTokens);
    }

    @Test
    void keystonesRefusalIsExitOneNamingTheCloudNotThePassword() throws IOException {
        Path clouds = cloudsYaml(url());
        keystoneStatus.set(401);

        Run run = run("--os-cloud", "gm-operator", "migrations");

        assertEquals(ExitCode.SERVICE_ERROR, run.exit(), run.err());
        assertTrue(run.err().contains("keystone answered 401"), run.err());
        assertTrue(run.err().contains("cloud 'gm-operator' in " + clouds), run.err());
        assertFalse(run.err().contains(PASSWORD), run.err());
        assertEquals(List.of(), serviceAuthTokens);
    }

    @Test
    void aKeystoneThatDoesNotAnswerIsExitThree() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        cloudsYaml("http://127.0.0.1:" + closed);

        Run run = run("--os-cloud", "gm-operator", "migrations");

        assertEquals(ExitCode.NO_ANSWER, run.exit(), run.err());
        assertTrue(run.err().contains("keystone"), run.err());
        assertFalse(run.err().contains(PASSWORD), run.err());
        assertEquals(List.of(), serviceAuthTokens);
    }

    @Test
    void anUnknownCloudIsAConfigurationErrorNamingItAndTheFilesSearched() throws IOException {
        cloudsYaml(url());

        Run run = run("--os-cloud", "gm-admin", "migrations");

        assertEquals(ExitCode.USAGE, run.exit(), run.err());
        assertTrue(run.err().contains("cloud 'gm-admin'"), run.err());
        assertTrue(run.err().contains(dir.resolve("etc/clouds.yaml").toString()), run.err());
        assertTrue(run.err().contains(dir.resolve("cwd/clouds.yaml").toString()), run.err());
        assertFalse(run.err().contains(PASSWORD), run.err());
    }
}
