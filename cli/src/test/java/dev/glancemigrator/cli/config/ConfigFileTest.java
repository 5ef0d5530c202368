package dev.glancemigrator.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileTest {

    @TempDir
    Path dir;

    @Test
    void theOptionWinsOverGmCliConfigWhichWinsOverTheHomeDefault() throws IOException {
        Path option = Files.writeString(dir.resolve("option.properties"), "planner-url=http://option\n");
        Path named = Files.writeString(dir.resolve("env.properties"), "planner-url=http://env\n");
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve(".config/glance-migrator"));
        Files.writeString(home.resolve(".config/glance-migrator/cli.properties"), "planner-url=http://home\n");
        Map<String, String> env = Map.of(ConfigFile.ENV, named.toString());

        assertEquals(Optional.of("http://option"), ConfigFile.locate(option, env, home).get("planner-url"));
        assertEquals(Optional.of("http://env"), ConfigFile.locate(null, env, home).get("planner-url"));
        assertEquals(Optional.of("http://home"), ConfigFile.locate(null, Map.of(), home).get("planner-url"));
    }

    @Test
    void aFileNamedExplicitlyMustExistTheDefaultNeedNot() {
        assertThrows(ConfigException.class, () -> ConfigFile.locate(dir.resolve("absent"), Map.of(), dir));
        assertThrows(ConfigException.class,
                () -> ConfigFile.locate(null, Map.of(ConfigFile.ENV, dir.resolve("absent").toString()), dir));

        ConfigFile none = ConfigFile.locate(null, Map.of(), dir);
        assertFalse(none.get("planner-url").isPresent());
        assertTrue(none.path().endsWith(".config/glance-migrator/cli.properties"));
    }

    @Test
    void aTokenIsReadFromItsFileStrippedAndAnEmptyFileIsAnError() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "s3cret\n");
        Path empty = Files.writeString(dir.resolve("empty"), "\n");

        assertEquals(Optional.of("s3cret"), new Endpoint("planner", null, Optional.of(token)).token());
        ConfigException e = assertThrows(ConfigException.class,
                () -> new Endpoint("planner", null, Optional.of(empty)).token());
        assertTrue(e.getMessage().contains(empty.toString()));
        assertThrows(ConfigException.class,
                () -> new Endpoint("planner", null, Optional.of(dir.resolve("absent"))).token());
    }
}
