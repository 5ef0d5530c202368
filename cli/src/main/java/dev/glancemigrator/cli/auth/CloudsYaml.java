package dev.glancemigrator.cli.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.glancemigrator.cli.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A cloud of {@code clouds.yaml}, found as openstacksdk finds it: the first file that exists of
 * {@code $OS_CLIENT_CONFIG_FILE}, {@code ./clouds.yaml}, {@code ~/.config/openstack/clouds.yaml},
 * {@code /etc/openstack/clouds.yaml} (each also as {@code clouds.yml}); with {@code secure.yaml} ({@code $OS_CLIENT_SECURE_FILE}, else the one
 * beside that clouds.yaml) merged over it, key by key, when it exists.
 */
public final class CloudsYaml {

    public static final String CONFIG_FILE_ENV = "OS_CLIENT_CONFIG_FILE";
    public static final String SECURE_FILE_ENV = "OS_CLIENT_SECURE_FILE";

    private static final YAMLMapper YAML = new YAMLMapper();

    private CloudsYaml() {
    }

    /** Where clouds.yaml is looked for, in order; {@code etc} is {@code /etc/openstack} outside tests. */
    public static List<Path> searchPath(Map<String, String> env, Path cwd, Path home, Path etc) {
        List<Path> files = new ArrayList<>();
        String named = env.get(CONFIG_FILE_ENV);
        if (named != null && !named.isBlank()) {
            files.add(Path.of(named.strip()));
        }
        for (Path dir : List.of(cwd, home.resolve(".config").resolve("openstack"), etc)) {
            files.add(dir.resolve("clouds.yaml"));
            files.add(dir.resolve("clouds.yml"));
        }
        return files;
    }

    /**
     * The cloud {@code name}: its {@code auth:} values, {@code auth_type} and {@code region_name}. No
     * clouds.yaml, or none naming the cloud, is a configuration error naming the cloud and the files searched.
     */
    public static OpenStackAuth cloud(String name, List<Path> searchPath, Map<String, String> env) {
        Optional<Path> found = searchPath.stream().filter(Files::isRegularFile).findFirst();
        String searched = searchPath.stream().map(Path::toString).collect(Collectors.joining(", "));
        if (found.isEmpty()) {
            throw new ConfigException("cloud '" + name + "' (--os-cloud / OS_CLOUD): no clouds.yaml found; searched "
                    + searched);
        }
        Path file = found.get();
        JsonNode clouds = read(file).path("clouds");
        if (!clouds.has(name)) {
            throw new ConfigException("cloud '" + name + "' is not in " + file + " (clouds there: "
                    + names(clouds) + "; searched " + searched + ")");
        }
        JsonNode cloud = clouds.get(name).deepCopy();
        if (!cloud.isObject()) {
            throw new ConfigException("cloud '" + name + "' in " + file + " is not a mapping");
        }
        Path secure = secureFile(file, env);
        String where = file.toString();
        if (Files.isRegularFile(secure)) {
            JsonNode secureCloud = read(secure).path("clouds").path(name);
            if (secureCloud.isObject()) {
                merge((ObjectNode) cloud, secureCloud);
                where = file + " + " + secure;
            }
        }
        Map<String, String> auth = new LinkedHashMap<>();
        cloud.path("auth").fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode() && !e.getValue().isNull()) {
                auth.put(e.getKey(), e.getValue().asText());
            }
        });
        String origin = "cloud '" + name + "' in " + where;
        return new OpenStackAuth(origin, auth, text(cloud, "auth_type"), text(cloud, "region_name"),
                text(cloud, "cacert"), key -> key.equals("cacert") ? "cacert of " + origin : "auth." + key + " of " + origin);
    }

    private static Path secureFile(Path cloudsFile, Map<String, String> env) {
        String named = env.get(SECURE_FILE_ENV);
        if (named != null && !named.isBlank()) {
            return Path.of(named.strip());
        }
        Path dir = cloudsFile.toAbsolutePath().getParent();
        Path yml = dir.resolve("secure.yml");
        return Files.isRegularFile(yml) && !Files.isRegularFile(dir.resolve("secure.yaml")) ? yml : dir.resolve("secure.yaml");
    }

    private static JsonNode read(Path file) {
        try {
            JsonNode root = YAML.readTree(file.toFile());
            return root == null ? YAML.createObjectNode() : root;
        } catch (IOException e) {
            // The parser's message may quote the file's text (a password): only where it failed is shown.
            String at = e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                    ? " at line " + p.getLocation().getLineNr() : "";
            throw new ConfigException("cannot read " + file + ": not readable YAML" + at + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** secure.yaml over clouds.yaml: mappings merged key by key, anything else replaced. */
    private static void merge(ObjectNode into, JsonNode over) {
        Iterator<Map.Entry<String, JsonNode>> fields = over.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = into.get(field.getKey());
            if (existing != null && existing.isObject() && field.getValue().isObject()) {
                merge((ObjectNode) existing, field.getValue());
            } else {
                into.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    private static Optional<String> text(JsonNode cloud, String key) {
        JsonNode value = cloud.get(key);
        return value != null && value.isValueNode() && !value.isNull() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static String names(JsonNode clouds) {
        List<String> names = new ArrayList<>();
        clouds.fieldNames().forEachRemaining(names::add);
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
