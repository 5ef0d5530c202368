package dev.glancemigrator.cli.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the planner and the cutover service are, and their token files, from the highest precedence down:
 * options, the environment, the config file. The two services have tokens of their own: a service's own
 * token file wins over the common one at each level.
 */
public final class ServiceEndpoints {

    public static final String PLANNER = "planner";
    public static final String CUTOVER = "cutover";

    /** What the command line gave; null where it gave nothing. */
    public record Options(String plannerUrl, String cutoverUrl, Path tokenFile, Path plannerTokenFile,
            Path cutoverTokenFile) {

        public static Options none() {
            return new Options(null, null, null, null, null);
        }
    }

    private final Options options;
    private final Map<String, String> env;
    private final ConfigFile file;

    public ServiceEndpoints(Options options, Map<String, String> env, ConfigFile file) {
        this.options = options;
        this.env = env;
        this.file = file;
    }

    public Endpoint planner() {
        return endpoint(PLANNER, options.plannerUrl(), options.plannerTokenFile());
    }

    public Endpoint cutover() {
        return endpoint(CUTOVER, options.cutoverUrl(), options.cutoverTokenFile());
    }

    private Endpoint endpoint(String service, String urlOption, Path ownTokenOption) {
        String upper = service.toUpperCase(java.util.Locale.ROOT);
        String urlText = first(Optional.ofNullable(urlOption), env("GM_" + upper + "_URL"), file.get(service + "-url"))
                .orElseThrow(() -> new ConfigException("no URL for the " + service + ": give --" + service
                        + "-url, set GM_" + upper + "_URL, or " + service + "-url in " + file.path()));
        Optional<Path> token = first(
                Optional.ofNullable(ownTokenOption).map(Path::toString),
                Optional.ofNullable(options.tokenFile()).map(Path::toString),
                env("GM_" + upper + "_TOKEN_FILE"),
                env("GM_TOKEN_FILE"),
                file.get(service + "-token-file"),
                file.get("token-file")).map(Path::of);
        return new Endpoint(service, url(service, urlText), token);
    }

    private Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    @SafeVarargs
    private static Optional<String> first(Optional<String>... candidates) {
        return Stream.of(candidates).flatMap(Optional::stream).findFirst();
    }

    private static URI url(String service, String text) {
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(text, "expected http(s)://host[:port]");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException("the " + service + " URL '" + text + "' is not an http(s) URL");
        }
    }
}
