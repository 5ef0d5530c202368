package dev.glancemigrator.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ServiceEndpointsTest {

    private static ConfigFile file(String... keysAndValues) {
        Properties values = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new ConfigFile(Path.of("/etc/cli.properties"), values);
    }

    @Test
    void optionsWinOverTheEnvironmentWhichWinsOverTheFile() {
        ConfigFile file = file("planner-url", "http://file:1", "cutover-url", "http://file:2");
        Map<String, String> env = Map.of("GM_PLANNER_URL", "http://env:1", "GM_CUTOVER_URL", "http://env:2");
        ServiceEndpoints.Options options = new ServiceEndpoints.Options("http://option:1/", null, null, null, null);

        ServiceEndpoints endpoints = new ServiceEndpoints(options, env, file);

        assertEquals(URI.create("http://option:1"), endpoints.planner().url());
        assertEquals(URI.create("http://env:2"), endpoints.cutover().url());
        assertEquals(URI.create("http://file:2"),
                new ServiceEndpoints(ServiceEndpoints.Options.none(), Map.of(), file).cutover().url());
    }

    @Test
    void eachServiceTakesItsOwnTokenFileBeforeTheCommonOneAtEveryLevel() {
        Map<String, String> env = Map.of("GM_PLANNER_URL", "http://p", "GM_CUTOVER_URL", "http://c",
                "GM_PLANNER_TOKEN_FILE", "/env/planner-token", "GM_TOKEN_FILE", "/env/token");
        ServiceEndpoints fromEnv = new ServiceEndpoints(ServiceEndpoints.Options.none(), env,
                file("token-file", "/file/token", "cutover-token-file", "/file/cutover-token"));

        assertEquals(Optional.of(Path.of("/env/planner-token")), fromEnv.planner().tokenFile());
        assertEquals(Optional.of(Path.of("/env/token")), fromEnv.cutover().tokenFile());

        ServiceEndpoints fromFile = new ServiceEndpoints(ServiceEndpoints.Options.none(),
                Map.of("GM_PLANNER_URL", "http://p", "GM_CUTOVER_URL", "http://c"),
                file("token-file", "/file/token", "cutover-token-file", "/file/cutover-token"));
        assertEquals(Optional.of(Path.of("/file/cutover-token")), fromFile.cutover().tokenFile());
        assertEquals(Optional.of(Path.of("/file/token")), fromFile.planner().tokenFile());

        ServiceEndpoints fromOption = new ServiceEndpoints(
                new ServiceEndpoints.Options(null, null, Path.of("/opt/token"), null, null), env, file());
        assertEquals(Optional.of(Path.of("/opt/token")), fromOption.planner().tokenFile());
    }

    @Test
    void noTokenFileAnywhereMeansRequestsWithoutAToken() {
        ServiceEndpoints endpoints = new ServiceEndpoints(ServiceEndpoints.Options.none(),
                Map.of("GM_PLANNER_URL", "http://p"), file());

        assertEquals(Optional.empty(), endpoints.planner().tokenFile());
        assertEquals(Optional.empty(), endpoints.planner().token());
    }

    @Test
    void aMissingUrlNamesEveryPlaceItCanBeSet() {
        ServiceEndpoints endpoints = new ServiceEndpoints(ServiceEndpoints.Options.none(), Map.of(), file());

        ConfigException e = assertThrows(ConfigException.class, endpoints::cutover);

        assertTrue(e.getMessage().contains("--cutover-url"), e.getMessage());
        assertTrue(e.getMessage().contains("GM_CUTOVER_URL"), e.getMessage());
        assertTrue(e.getMessage().contains("cutover-url in /etc/cli.properties"), e.getMessage());
    }

    @Test
    void aUrlThatIsNotHttpIsRefused() {
        ServiceEndpoints endpoints = new ServiceEndpoints(
                new ServiceEndpoints.Options("ftp://planner", null, null, null, null), Map.of(), file());

        assertThrows(ConfigException.class, endpoints::planner);
    }
}
