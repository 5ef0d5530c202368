package dev.glancemigrator.cli;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The CLI's own settings (Quarkus configuration: {@code GM_CLI_*} in the environment, or system properties);
 * options override them where an option exists. Where the services are is resolved apart, by
 * {@link dev.glancemigrator.cli.config.ServiceEndpoints}.
 */
@ConfigMapping(prefix = "gm.cli")
public interface CliConfig {

    /** How long to wait for a connection to a service before exit code 3. */
    @WithDefault("5s")
    Duration connectTimeout();

    /** How long to wait for a read's answer. */
    @WithDefault("60s")
    Duration requestTimeout();

    /** How long to wait for a cutover, rollback or cleanup's answer: they run to the end before answering. */
    @WithDefault("30m")
    Duration changeTimeout();

    /** How long to wait for Keystone to issue a token (OpenStack credentials) before exit code 3. */
    @WithDefault("10s")
    Duration keystoneTimeout();

    /** {@code status --watch}'s refresh, unless {@code --interval} says otherwise. */
    @WithDefault("2s")
    Duration watchInterval();

    /** How many location rows {@code cutover --dry-run} shows before a count, unless {@code --all}. */
    @WithDefault("20")
    int diffRows();
}
