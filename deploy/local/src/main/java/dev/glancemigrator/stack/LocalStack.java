package dev.glancemigrator.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The running local stack, as {@code deploy/local/stack.sh up} describes it in its endpoints file.
 * The file is found through the system property {@code stack.env} (the build sets it), else the
 * environment variable {@code GM_STACK_ENV}, else {@code .stack/stack.env} in the working directory.
 */
public final class LocalStack {

    public static final String FILE_PROPERTY = "stack.env";
    public static final String FILE_VARIABLE = "GM_STACK_ENV";

    private final Path file;
    private final Map<String, String> values;

    private LocalStack(Path file, Map<String, String> values) {
        this.file = file;
        this.values = values;
    }

    public static LocalStack current() {
        Path file = location();
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no endpoints file at " + file
                    + ": start the stack first with deploy/local/stack.sh up");
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, unquoted(properties.getProperty(key))));
        return new LocalStack(file, values);
    }

    /** The file is also sourced by the shell, which needs a value of several words in single quotes. */
    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("'") && value.endsWith("'") ? value.substring(1, value.length() - 1) : value;
    }

    public static Path location() {
        String configured = System.getProperty(FILE_PROPERTY, System.getenv(FILE_VARIABLE));
        return Path.of(configured != null ? configured : ".stack/stack.env").toAbsolutePath();
    }

    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalStateException(key + " is not in " + file + ": restart the stack with deploy/local/stack.sh up");
        }
        return value;
    }

    /**
     * Every entry, as services take them from the environment. Secrets stay in their files: the entries
     * name the files ({@code GM_DB_PASSWORD_FILE}, {@code GM_PLANNER_TOKEN_FILE}, …) and the services
     * read them.
     */
    public Map<String, String> asConfig() {
        return new TreeMap<>(values);
    }

    public String kafkaBootstrap() {
        return get("GM_KAFKA_BOOTSTRAP");
    }

    public String glanceUrl() {
        return get("GM_GLANCE_URL");
    }

    /** The ledger's database, on the server the stack keeps it on. */
    public String ledgerJdbcUrl() {
        return "jdbc:mysql://" + get("GM_DB_HOST") + ":" + get("GM_DB_PORT") + "/" + get("GM_LEDGER_DB");
    }

    /** Glance's database, on the Galera node the stack names for it. */
    public String glanceJdbcUrl() {
        return "jdbc:mysql://" + get("GM_GLANCE_DB_HOST") + ":" + get("GM_GLANCE_DB_PORT") + "/" + glanceDatabase();
    }

    /** {@code database} on Galera node {@code node} (1-based, as {@code GM_DB_NODES} lists them). */
    public String jdbcUrlOnNode(int node, String database) {
        return "jdbc:mysql://" + databaseNodes().get(node - 1) + "/" + database;
    }

    /** The Galera nodes as host:port. */
    public java.util.List<String> databaseNodes() {
        return java.util.List.of(get("GM_DB_NODES").trim().split("\\s+"));
    }

    /** The cutover's user on Glance's database: reads it, rewrites image_locations, nothing else. */
    public String glanceWriterUser() {
        return get("GM_GLANCE_DB_WRITER_USER");
    }

    public String glanceWriterPassword() {
        return secret("GM_GLANCE_DB_WRITER_PASSWORD_FILE");
    }

    /** The Glance API nodes by name ({@code api-1}, …), with their URLs. */
    public Map<String, String> glanceNodeUrls() {
        Map<String, String> urls = new java.util.LinkedHashMap<>();
        for (String node : get("GM_GLANCE_NODES").trim().split("\\s+")) {
            urls.put(node, get("GM_GLANCE_" + node.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_URL"));
        }
        return urls;
    }

    public String glanceDatabase() {
        return get("GM_GLANCE_DB");
    }

    public String dbReadOnlyUser() {
        return get("GM_DB_RO_USER");
    }

    public String dbReadOnlyPassword() {
        return secret("GM_DB_RO_PASSWORD_FILE");
    }

    /** The migrator user's password (the ledger only). */
    public String dbPassword() {
        return secret("GM_DB_PASSWORD_FILE");
    }

    /** The bearer token the planner reads from the file {@code planner.api.token-file} names. */
    public String plannerToken() {
        return secret("GM_PLANNER_TOKEN_FILE");
    }

    /** The bearer token the cutover service reads from the file {@code cutover.api.token-file} names. */
    public String cutoverToken() {
        return secret("GM_CUTOVER_TOKEN_FILE");
    }

    public String pool() {
        return get("GM_POOL");
    }

    public String fsid(Cluster cluster) {
        return get("GM_CEPH_" + cluster.envName() + "_FSID");
    }

    /** The admin conf: for tests that inspect a cluster from outside the code under test. */
    public Path adminConf(Cluster cluster) {
        return Path.of(get("GM_CEPH_" + cluster.envName() + "_ADMIN_CONF"));
    }

    public Path readOnlyConf(Cluster cluster) {
        return Path.of(get("GM_CEPH_" + cluster.envName() + "_RO_CONF"));
    }

    public String readOnlyUser(Cluster cluster) {
        return get("GM_CEPH_" + cluster.envName() + "_RO_USER");
    }

    public Path readWriteConf() {
        return Path.of(get("GM_CEPH_NEW_RW_CONF"));
    }

    public String readWriteUser() {
        return get("GM_CEPH_NEW_RW_USER");
    }

    private String secret(String fileKey) {
        try {
            return Files.readString(Path.of(get(fileKey))).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secret named by " + fileKey, e);
        }
    }

    /** The stack's two Ceph clusters. */
    public enum Cluster {
        OLD, NEW;

        String envName() {
            return name();
        }
    }
}
