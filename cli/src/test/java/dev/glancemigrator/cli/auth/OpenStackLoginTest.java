package dev.glancemigrator.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.glancemigrator.cli.config.ConfigException;
import dev.glancemigrator.keystone.KeystoneCredentials;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** From the credentials found to how the CLI logs in: password, application credential, or a token. */
class OpenStackLoginTest {

    private static final String SECRET = "s3cr3t-never-shown";

    private static OpenStackAuth env(String... namesAndValues) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            env.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return new OpenStackAuthLocator(env, List.of()).find(null).orElseThrow();
    }

    @Test
    void passwordAuthenticationIsScopedToTheProjectInTheDefaultDomainUnlessSaidOtherwise() {
        OpenStackLogin login = OpenStackLogin.of(env("OS_AUTH_URL", "http://keystone:5000/v3", "OS_USERNAME", "operator",
                "OS_PASSWORD", SECRET, "OS_PROJECT_NAME", "admin", "OS_PROJECT_DOMAIN_NAME", "ops"));

        KeystoneCredentials.Password password = assertInstanceOf(KeystoneCredentials.Password.class,
                assertInstanceOf(OpenStackLogin.Issue.class, login).credentials());
        assertEquals(new KeystoneCredentials.Password(URI.create("http://keystone:5000/v3"), "operator", "Default", SECRET,
                "admin", "ops"), password);
        assertFalse(login.toString().contains(SECRET), login.toString());
        assertEquals("Default", ((KeystoneCredentials.Password) ((OpenStackLogin.Issue) OpenStackLogin.of(env(
                "OS_AUTH_URL", "http://k:5000", "OS_USERNAME", "u", "OS_PASSWORD", SECRET, "OS_PROJECT_NAME", "p",
                "OS_USER_DOMAIN_ID", "default"))).credentials()).userDomain());
    }

    @Test
    void anApplicationCredentialByIdOrByNameWithItsUser() {
        OpenStackLogin byId = OpenStackLogin.of(env("OS_AUTH_URL", "http://keystone:5000", "OS_AUTH_TYPE",
                "v3applicationcredential", "OS_APPLICATION_CREDENTIAL_ID", "app-1",
                "OS_APPLICATION_CREDENTIAL_SECRET", SECRET));
        assertEquals(new KeystoneCredentials.ApplicationCredential(URI.create("http://keystone:5000"), "app-1", null,
                null, null, SECRET), ((OpenStackLogin.Issue) byId).credentials());

        OpenStackLogin byName = OpenStackLogin.of(env("OS_AUTH_URL", "http://keystone:5000",
                "OS_APPLICATION_CREDENTIAL_NAME", "migrator", "OS_USERNAME", "operator",
                "OS_APPLICATION_CREDENTIAL_SECRET", SECRET));
        KeystoneCredentials.ApplicationCredential named = (KeystoneCredentials.ApplicationCredential)
                ((OpenStackLogin.Issue) byName).credentials();
        assertEquals("migrator", named.name());
        assertEquals("operator", named.user());
        assertFalse(byName.toString().contains(SECRET), byName.toString());

        ConfigException noUser = assertThrows(ConfigException.class, () -> OpenStackLogin.of(env(
                "OS_AUTH_URL", "http://keystone:5000", "OS_AUTH_TYPE", "v3applicationcredential",
                "OS_APPLICATION_CREDENTIAL_NAME", "migrator", "OS_APPLICATION_CREDENTIAL_SECRET", SECRET)));
        assertTrue(noUser.getMessage().contains("OS_USERNAME"), noUser.getMessage());
        assertFalse(noUser.getMessage().contains(SECRET), noUser.getMessage());
    }

    @Test
    void aTokenGivenIsSentAsItIs() {
        OpenStackLogin login = OpenStackLogin.of(env("OS_AUTH_TYPE", "v3token", "OS_TOKEN", SECRET,
                "OS_AUTH_URL", "http://keystone:5000"));

        assertEquals(SECRET, assertInstanceOf(OpenStackLogin.GivenToken.class, login).token());
        assertFalse(login.toString().contains(SECRET));
        assertInstanceOf(OpenStackLogin.GivenToken.class, OpenStackLogin.of(env("OS_TOKEN", SECRET)));
    }

    @Test
    void whatIsMissingIsNamedAsTheUserSetsItAndNoValueIsShown() {
        ConfigException noPassword = assertThrows(ConfigException.class, () -> OpenStackLogin.of(env(
                "OS_AUTH_URL", "http://keystone:5000", "OS_USERNAME", "operator", "OS_PROJECT_NAME", "admin")));
        assertTrue(noPassword.getMessage().contains("OS_PASSWORD is not set"), noPassword.getMessage());

        OpenStackAuth cloud = new OpenStackAuth("cloud 'gm' in /etc/openstack/clouds.yaml",
                Map.of("username", "operator", "password", SECRET, "project_name", "admin"), Optional.empty(),
                Optional.empty(), key -> "auth." + key + " of cloud 'gm' in /etc/openstack/clouds.yaml");
        ConfigException noUrl = assertThrows(ConfigException.class, () -> OpenStackLogin.of(cloud));
        assertTrue(noUrl.getMessage().contains("auth.auth_url of cloud 'gm' in /etc/openstack/clouds.yaml"),
                noUrl.getMessage());
        assertFalse(noUrl.getMessage().contains(SECRET), noUrl.getMessage());

        ConfigException byId = assertThrows(ConfigException.class, () -> OpenStackLogin.of(env(
                "OS_AUTH_URL", "http://keystone:5000", "OS_USER_ID", "u-1", "OS_PASSWORD", SECRET,
                "OS_PROJECT_NAME", "admin")));
        assertTrue(byId.getMessage().contains("OS_USERNAME"), byId.getMessage());
        assertFalse(byId.getMessage().contains(SECRET), byId.getMessage());

        ConfigException badUrl = assertThrows(ConfigException.class, () -> OpenStackLogin.of(env(
                "OS_AUTH_URL", "keystone:5000", "OS_USERNAME", "u", "OS_PASSWORD", SECRET, "OS_PROJECT_NAME", "p")));
        assertTrue(badUrl.getMessage().contains("OS_AUTH_URL"), badUrl.getMessage());

        ConfigException unknownType = assertThrows(ConfigException.class, () -> OpenStackLogin.of(env(
                "OS_AUTH_URL", "http://keystone:5000", "OS_AUTH_TYPE", "v3oidcpassword", "OS_PASSWORD", SECRET)));
        assertTrue(unknownType.getMessage().contains("v3oidcpassword"), unknownType.getMessage());
        assertFalse(unknownType.getMessage().contains(SECRET), unknownType.getMessage());
    }
}
