package dev.glancemigrator.cli.auth;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenStack credentials the {@code openstack} CLI would use: the cloud {@code --os-cloud NAME} (else
 * {@code $OS_CLOUD}) names in clouds.yaml ({@link CloudsYaml}), with any {@code OS_*} auth variable set in the
 * environment overriding that cloud's value (as python-openstackclient's options do); else, when
 * {@code OS_AUTH_URL} or {@code OS_TOKEN} is set, the {@code OS_*} variables alone. Nothing of these: empty,
 * and the CLI falls back to its token files.
 */
public final class OpenStackAuthLocator {

    public static final String CLOUD_ENV = "OS_CLOUD";

    /** The clouds.yaml {@code auth:} keys read from {@code OS_<KEY>} too. */
    static final List<String> AUTH_KEYS = List.of("auth_url", "username", "user_id", "password", "project_name",
            "project_id", "user_domain_name", "user_domain_id", "project_domain_name", "project_domain_id",
            "domain_name", "domain_id", "token", "application_credential_id", "application_credential_name",
            "application_credential_secret");

    private final Map<String, String> env;
    private final List<Path> searchPath;

    public OpenStackAuthLocator(Map<String, String> env, List<Path> searchPath) {
        this.env = env;
        this.searchPath = searchPath;
    }

    /** As on a host: clouds.yaml searched from the working directory, the home directory and /etc/openstack. */
    public static OpenStackAuthLocator onThisHost(Map<String, String> env) {
        return new OpenStackAuthLocator(env, CloudsYaml.searchPath(env, Path.of("").toAbsolutePath(),
                Path.of(System.getProperty("user.home")), Path.of("/etc/openstack")));
    }

    public Optional<OpenStackAuth> find(String cloudOption) {
        Optional<String> cloud = Optional.ofNullable(cloudOption).or(() -> env(CLOUD_ENV)).map(String::strip)
                .filter(c -> !c.isEmpty());
        if (cloud.isPresent()) {
            OpenStackAuth fromFile = CloudsYaml.cloud(cloud.get(), searchPath, env);
            return Optional.of(overridden(fromFile));
        }
        if (env("OS_AUTH_URL").isEmpty() && env("OS_TOKEN").isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new OpenStackAuth("the OS_* environment", fromEnv(), env("OS_AUTH_TYPE"),
                env("OS_REGION_NAME"), env("OS_CACERT"), OpenStackAuthLocator::variable));
    }

    /** A cloud's values, with those the OS_* variables set instead (each named as the variable where it came from). */
    private OpenStackAuth overridden(OpenStackAuth cloud) {
        Map<String, String> fromEnv = fromEnv();
        if (fromEnv.isEmpty() && env("OS_AUTH_TYPE").isEmpty() && env("OS_REGION_NAME").isEmpty()
                && env("OS_CACERT").isEmpty()) {
            return cloud;
        }
        Map<String, String> merged = new LinkedHashMap<>();
        cloud.keys().forEach(key -> merged.put(key, cloud.get(key).orElseThrow()));
        merged.putAll(fromEnv);
        return new OpenStackAuth(cloud.origin() + " (with OS_* variables over it: " + fromEnv.keySet().stream()
                .map(OpenStackAuthLocator::variable).toList() + ")", merged,
                env("OS_AUTH_TYPE").or(cloud::authType), env("OS_REGION_NAME").or(cloud::regionName),
                env("OS_CACERT").or(cloud::cacert),
                key -> fromEnv.containsKey(key) || key.equals("cacert") && env("OS_CACERT").isPresent() ? variable(key)
                        : cloud.name(key));
    }

    private Map<String, String> fromEnv() {
        Map<String, String> auth = new LinkedHashMap<>();
        for (String key : AUTH_KEYS) {
            env(variable(key)).ifPresent(value -> auth.put(key, value));
        }
        // The name older clients and openrc files still use for the project.
        if (!auth.containsKey("project_name")) {
            env("OS_TENANT_NAME").ifPresent(value -> auth.put("project_name", value));
        }
        return auth;
    }

    static String variable(String key) {
        return "OS_" + key.toUpperCase(Locale.ROOT);
    }

    private Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }
}
