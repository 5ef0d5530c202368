package dev.glancemigrator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.glancemigrator.cli.auth.KeystoneAuthenticator;
import dev.glancemigrator.cli.auth.OpenStackAuthLocator;
import dev.glancemigrator.cli.auth.OpenStackLogin;
import dev.glancemigrator.cli.auth.OpenStackTokens;
import dev.glancemigrator.cli.cleanup.CleanupCommand;
import dev.glancemigrator.cli.cleanup.CleanupPlanCommand;
import dev.glancemigrator.cli.cleanup.DependentsCommand;
import dev.glancemigrator.cli.config.ConfigFile;
import dev.glancemigrator.cli.config.Endpoint;
import dev.glancemigrator.cli.config.ServiceEndpoints;
import dev.glancemigrator.cli.cutover.CutoverCommand;
import dev.glancemigrator.cli.cutover.CutoverStatusCommand;
import dev.glancemigrator.cli.cutover.RollbackCommand;
import dev.glancemigrator.cli.http.AuthHeader;
import dev.glancemigrator.cli.http.Authenticator;
import dev.glancemigrator.cli.http.ServiceClient;
import dev.glancemigrator.cli.images.EventsCommand;
import dev.glancemigrator.cli.images.ImagesCommand;
import dev.glancemigrator.cli.images.MigrationsCommand;
import dev.glancemigrator.cli.plan.PlanCommand;
import dev.glancemigrator.cli.plan.ReplanCommand;
import dev.glancemigrator.cli.status.StatusCommand;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code glance-migrator}: the options every subcommand shares, and where the services are. */
@TopCommand
@Command(name = "glance-migrator", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "glance-migrator 0.1.0",
        description = "Drives a Glance image store migration through the planner and cutover services.",
        subcommands = {PlanCommand.class, ReplanCommand.class, MigrationsCommand.class, StatusCommand.class,
                ImagesCommand.class, EventsCommand.class, CutoverCommand.class, CutoverStatusCommand.class,
                RollbackCommand.class, DependentsCommand.class, CleanupPlanCommand.class, CleanupCommand.class},
        footer = {"", "Authentication, as the openstack CLI: the cloud --os-cloud (else OS_CLOUD)",
                "names in clouds.yaml ($OS_CLIENT_CONFIG_FILE, ./clouds.yaml,",
                "~/.config/openstack/clouds.yaml, /etc/openstack/clouds.yaml; secure.yaml",
                "beside it merged over it), OS_* variables overriding its values; else the",
                "OS_* variables alone (OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME,",
                "OS_AUTH_TYPE, OS_APPLICATION_CREDENTIAL_ID/_NAME/_SECRET, OS_TOKEN). A Keystone",
                "token is issued once per command (again if a service refuses it) and sent as",
                "X-Auth-Token. The token files",
                "are used only without OpenStack credentials: with both, OpenStack wins, unless",
                "the token file is an option and the cloud comes from the environment.",
                "", "Exit codes:", "  0 ok", "  1 a service (or Keystone) answered with an error (its message is printed)",
                "  2 usage or configuration error", "  3 a service (or Keystone) did not answer",
                "  4 the migration finished with failed images", "  5 the cutover is blocked (blockers printed)"})
public class GlanceMigratorCommand implements Runnable {

    /** How results are printed: tables and text for people, the services' JSON for scripts. */
    public enum Output { table, json }

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            description = "table (default) or json: the service's JSON, as it answered")
    Output output = Output.table;

    @Option(names = "--planner-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "the planner service (else GM_PLANNER_URL, else planner-url in the config file)")
    String plannerUrl;

    @Option(names = "--cutover-url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "the cutover service (else GM_CUTOVER_URL, else cutover-url in the config file)")
    String cutoverUrl;

    @Option(names = "--os-cloud", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "authenticate through Keystone as this cloud of clouds.yaml (else OS_CLOUD; without either, "
                    + "the OS_* variables if OS_AUTH_URL is set); wins over the token files")
    String osCloud;

    @Option(names = "--token-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "the bearer token for both services, read from this file (else GM_PLANNER_TOKEN_FILE / "
                    + "GM_CUTOVER_TOKEN_FILE, GM_TOKEN_FILE, then the config file); as an option it wins over "
                    + "OS_CLOUD and OS_* variables, not over --os-cloud; else only used without them")
    Path tokenFile;

    @Option(names = "--planner-token-file", scope = ScopeType.INHERIT, paramLabel = "FILE", hidden = true)
    Path plannerTokenFile;

    @Option(names = "--cutover-token-file", scope = ScopeType.INHERIT, paramLabel = "FILE", hidden = true)
    Path cutoverTokenFile;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "properties file (else $GM_CLI_CONFIG, else ~/.config/glance-migrator/cli.properties)")
    Path config;

    private final CliConfig settings;
    private final Map<String, String> env;
    private final OpenStackAuthLocator openStack;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private ServiceEndpoints endpoints;
    /** The Keystone token's authenticator, once looked for (empty: no OpenStack credentials); null until then. */
    private Optional<Authenticator> openStackAuth;
    private ServiceClient planner;
    private ServiceClient cutover;

    @Inject
    public GlanceMigratorCommand(CliConfig settings) {
        this(settings, System.getenv(), OpenStackAuthLocator.onThisHost(System.getenv()));
    }

    /** With an environment and a clouds.yaml search path of its own (tests). */
    GlanceMigratorCommand(CliConfig settings, Map<String, String> env, OpenStackAuthLocator openStack) {
        this.settings = settings;
        this.env = env;
        this.openStack = openStack;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing required subcommand");
    }

    public CliConfig settings() {
        return settings;
    }

    public ObjectMapper json() {
        return json;
    }

    public boolean jsonOutput() {
        return output == Output.json;
    }

    public PrintStream out() {
        return System.out;
    }

    public ServiceClient planner() {
        if (planner == null) {
            planner = client(endpoints().planner());
        }
        return planner;
    }

    public ServiceClient cutover() {
        if (cutover == null) {
            cutover = client(endpoints().cutover());
        }
        return cutover;
    }

    private ServiceClient client(Endpoint endpoint) {
        return new ServiceClient(endpoint, auth(endpoint), json, settings.connectTimeout(), settings.requestTimeout(),
                settings.changeTimeout());
    }

    /**
     * OpenStack credentials' Keystone token (issued at the first request, for both services, and again when a
     * service refuses it) when there are any;
     * else the service's token file, if any. A token file is not even read when OpenStack credentials win.
     * Options win over the environment: a token file option over OS_CLOUD / OS_*, --os-cloud over token files.
     */
    private Authenticator auth(Endpoint endpoint) {
        if (openStackAuth == null) {
            boolean tokenFileOption = tokenFile != null || plannerTokenFile != null || cutoverTokenFile != null;
            OpenStackTokens tokens = new OpenStackTokens(settings.connectTimeout(), settings.keystoneTimeout());
            openStackAuth = osCloud == null && tokenFileOption ? Optional.empty()
                    : openStack.find(osCloud).map(OpenStackLogin::of).map(login -> new KeystoneAuthenticator(login, tokens));
        }
        return openStackAuth.orElseGet(() -> Authenticator.fixed(endpoint.token().map(AuthHeader::bearer)));
    }

    private ServiceEndpoints endpoints() {
        if (endpoints == null) {
            ServiceEndpoints.Options given = new ServiceEndpoints.Options(plannerUrl, cutoverUrl, tokenFile,
                    plannerTokenFile, cutoverTokenFile);
            ConfigFile file = ConfigFile.locate(config, env, Path.of(System.getProperty("user.home")));
            endpoints = new ServiceEndpoints(given, env, file);
        }
        return endpoints;
    }
}
