package dev.glancemigrator.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.cli.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the openstack CLI would find credentials, and what it would find there. */
class OpenStackAuthLocatorTest {

    private static final String SECRET = "s3cr3t-never-shown";

    @TempDir
    Path dir;

    private Path cwd;
    private Path home;
    private Path etc;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void places() throws IOException {
        cwd = Files.createDirectories(dir.resolve("cwd"));
        home = Files.createDirectories(dir.resolve("home"));
        etc = Files.createDirectories(dir.resolve("etc/openstack"));
    }

    private OpenStackAuthLocator locator() {
        return new OpenStackAuthLocator(env, CloudsYaml.searchPath(env, cwd, home, etc));
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static String cloud(String name, String authUrl) {
        return """
                clouds:
                  %s:
                    auth:
                      auth_url: %s
                      username: operator
                      password: %s
                      project_name: admin
                      user_domain_name: Default
                      project_domain_name: Default
                    region_name: RegionOne
                """.formatted(name, authUrl, SECRET);
    }

    @Test
    void nothingGivenIsNoOpenStackCredentials() throws IOException {
        write(cwd.resolve("clouds.yaml"), cloud("gm-operator", "http://cwd:5000"));
        env.put("OS_USERNAME", "someone");

        assertEquals(Optional.empty(), locator().find(null));
    }

    @Test
    void theCloudComesFromTheFirstClouds_yamlOfTheSearchPath() throws IOException {
        Path named = write(dir.resolve("named/clouds.yaml"), cloud("gm-operator", "http://named:5000"));
        write(cwd.resolve("clouds.yaml"), cloud("gm-operator", "http://cwd:5000"));
        write(home.resolve(".config/openstack/clouds.yaml"), cloud("gm-operator", "http://home:5000"));
        write(etc.resolve("clouds.yaml"), cloud("gm-operator", "http://etc:5000"));

        env.put("OS_CLIENT_CONFIG_FILE", named.toString());
        assertEquals("http://named:5000", locator().find("gm-operator").orElseThrow().get("auth_url").orElseThrow());
        env.remove("OS_CLIENT_CONFIG_FILE");
        assertEquals("http://cwd:5000", locator().find("gm-operator").orElseThrow().get("auth_url").orElseThrow());
        Files.delete(cwd.resolve("clouds.yaml"));
        assertEquals("http://home:5000", locator().find("gm-operator").orElseThrow().get("auth_url").orElseThrow());
        Files.delete(home.resolve(".config/openstack/clouds.yaml"));
        OpenStackAuth fromEtc = locator().find("gm-operator").orElseThrow();
        assertEquals("http://etc:5000", fromEtc.get("auth_url").orElseThrow());
        assertEquals(Optional.of("RegionOne"), fromEtc.regionName());
        assertTrue(fromEtc.origin().contains("cloud 'gm-operator' in " + etc.resolve("clouds.yaml")), fromEtc.origin());
    }

    @Test
    void os_cloudSelectsTheCloudAndTheOptionWinsOverIt() throws IOException {
        write(cwd.resolve("clouds.yaml"), cloud("a", "http://a:5000") + cloud("b", "http://b:5000").replace("clouds:\n", ""));
        env.put("OS_CLOUD", "a");

        assertEquals("http://a:5000", locator().find(null).orElseThrow().get("auth_url").orElseThrow());
        assertEquals("http://b:5000", locator().find("b").orElseThrow().get("auth_url").orElseThrow());
    }

    @Test
    void secure_yamlBesideItIsMergedOverTheCloud() throws IOException {
        write(home.resolve(".config/openstack/clouds.yaml"), """
                clouds:
                  gm-operator:
                    auth_type: v3applicationcredential
                    auth:
                      auth_url: http://keystone:5000/v3
                      application_credential_id: app-1
                      application_credential_secret: placeholder
                """);
        write(home.resolve(".config/openstack/secure.yaml"), """
                clouds:
                  gm-operator:
                    auth:
                      application_credential_secret: %s
                  other:
                    auth:
                      password: x
                """.formatted(SECRET));

        OpenStackAuth auth = locator().find("gm-operator").orElseThrow();

        assertEquals(Optional.of(SECRET), auth.get("application_credential_secret"));
        assertEquals(Optional.of("app-1"), auth.get("application_credential_id"));
        assertEquals(Optional.of("http://keystone:5000/v3"), auth.get("auth_url"));
        assertEquals(Optional.of("v3applicationcredential"), auth.authType());
        assertTrue(auth.origin().contains("secure.yaml"), auth.origin());
        assertFalse(auth.toString().contains(SECRET), auth.toString());
    }

    @Test
    void anUnknownCloudNamesTheCloudAndTheFilesSearched() throws IOException {
        write(etc.resolve("clouds.yaml"), cloud("gm-operator", "http://etc:5000"));

        ConfigException e = assertThrows(ConfigException.class, () -> locator().find("gm-admin"));

        assertTrue(e.getMessage().contains("cloud 'gm-admin'"), e.getMessage());
        assertTrue(e.getMessage().contains(etc.resolve("clouds.yaml").toString()), e.getMessage());
        assertTrue(e.getMessage().contains(cwd.resolve("clouds.yaml").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("gm-operator"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());

        Files.delete(etc.resolve("clouds.yaml"));
        ConfigException none = assertThrows(ConfigException.class, () -> locator().find("gm-admin"));
        assertTrue(none.getMessage().contains("no clouds.yaml found"), none.getMessage());
        for (Path searched : CloudsYaml.searchPath(env, cwd, home, etc)) {
            assertTrue(none.getMessage().contains(searched.toString()), none.getMessage());
        }
    }

    @Test
    void aBrokenClouds_yamlIsNamedWithoutQuotingIt() throws IOException {
        write(cwd.resolve("clouds.yaml"), "clouds:\n  x:\n    auth: {password: \"" + SECRET + "\n  : [\n");

        ConfigException e = assertThrows(ConfigException.class, () -> locator().find("x"));

        assertTrue(e.getMessage().contains(cwd.resolve("clouds.yaml").toString()), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    }

    @Test
    void theOs_VariablesAloneWhenNoCloudIsNamed() {
        env.putAll(Map.of("OS_AUTH_URL", "http://keystone:5000", "OS_USERNAME", "operator", "OS_PASSWORD", SECRET,
                "OS_PROJECT_NAME", "admin", "OS_USER_DOMAIN_NAME", "Default", "OS_AUTH_TYPE", "password",
                "OS_REGION_NAME", "RegionOne"));

        OpenStackAuth auth = locator().find(null).orElseThrow();

        assertEquals(Optional.of("operator"), auth.get("username"));
        assertEquals(Optional.of(SECRET), auth.get("password"));
        assertEquals(Optional.of("admin"), auth.get("project_name"));
        assertEquals(Optional.of("password"), auth.authType());
        assertEquals("OS_PASSWORD", auth.name("password"));
        assertEquals("the OS_* environment", auth.origin());
        assertFalse(auth.toString().contains(SECRET));
    }

    @Test
    void os_VariablesOverrideTheNamedCloudsValuesAsTheOpenstackCliDoes() throws IOException {
        write(cwd.resolve("clouds.yaml"), cloud("gm-operator", "http://cwd:5000"));
        env.put("OS_CLOUD", "gm-operator");
        env.put("OS_PROJECT_NAME", "service");

        OpenStackAuth auth = locator().find(null).orElseThrow();

        assertEquals(Optional.of("service"), auth.get("project_name"));
        assertEquals(Optional.of("operator"), auth.get("username"));
        assertEquals("OS_PROJECT_NAME", auth.name("project_name"));
        assertTrue(auth.name("username").startsWith("auth.username of cloud 'gm-operator'"), auth.name("username"));
    }

    @Test
    void theSearchPathIsTheOpenstacksdkOne() {
        env.put("OS_CLIENT_CONFIG_FILE", "/x/clouds.yaml");

        assertEquals(List.of(Path.of("/x/clouds.yaml"), cwd.resolve("clouds.yaml"), cwd.resolve("clouds.yml"),
                home.resolve(".config/openstack/clouds.yaml"), home.resolve(".config/openstack/clouds.yml"),
                etc.resolve("clouds.yaml"), etc.resolve("clouds.yml")),
                CloudsYaml.searchPath(env, cwd, home, etc));
    }
}
