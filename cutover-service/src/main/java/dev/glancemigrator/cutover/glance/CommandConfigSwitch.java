package dev.glancemigrator.cutover.glance;

import dev.glancemigrator.cutover.config.CutoverConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The {@code command} switch: Glance's config is the operator's to change (Helm values, a kolla
 * reconfigure, a config-management run), so the cutover runs {@code cutover.glance.switch-command}:
 * <ul>
 * <li>{@code <command> apply}, with the target in {@code CUTOVER_*} environment variables (paths and
 * names only, never a key); it points Glance's store at the target. Each {@code backup.<name>=<value>}
 * line it prints on stdout is kept in the journal;</li>
 * <li>{@code <command> restore} on rollback, with those values as {@code CUTOVER_BACKUP_<NAME>}.</li>
 * </ul>
 * Exit 0 means done; anything else, or no end within {@code cutover.glance.switch-timeout}, is a failed
 * switch. {@code apply} may run again with the same {@code CUTOVER_TAG} after a crash, and must then
 * report the backup of the state before the first run. Neither restarts Glance unless the operator's
 * command does: {@code cutover.glance.restart-command} runs after it either way.
 */
@ApplicationScoped
public class CommandConfigSwitch implements GlanceConfigSwitch {

    static final String KIND = "command";
    private static final Logger LOG = Logger.getLogger(CommandConfigSwitch.class);
    private static final Pattern BACKUP_LINE = Pattern.compile("^backup\\.([A-Za-z0-9_]+)=(.*)$");
    private static final String APPLY = "apply";
    private static final String RESTORE = "restore";

    private final CutoverConfig.Glance glance;

    CommandConfigSwitch(CutoverConfig config) {
        this.glance = config.glance();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void check() {
        Path command = glance.switchCommand().orElseThrow(() -> new IllegalStateException(
                "cutover.glance.switch-command must name an executable for the command switch"));
        if (!Files.isExecutable(command)) {
            throw new IllegalStateException("cutover.glance.switch-command " + command + " is not an executable file");
        }
    }

    @Override
    public ConfigSwitchPlan plan(SwitchTarget target) {
        return new ConfigSwitchPlan(KIND, List.of(), List.of(), new ConfigSwitchPlan.Command(argv(APPLY),
                environment(target, "<migration id>-<attempt>")), glance.restartCommand());
    }

    @Override
    public ConfigBackup apply(SwitchTarget target, String backupTag) {
        Commands.Result result = run(APPLY, environment(target, backupTag));
        Map<String, String> backups = new LinkedHashMap<>();
        for (String line : result.output().split("\n")) {
            Matcher backup = BACKUP_LINE.matcher(line.strip());
            if (backup.matches()) {
                backups.put(backup.group(1), backup.group(2));
            }
        }
        return new ConfigBackup(KIND, Map.copyOf(backups), backupTag);
    }

    @Override
    public void restore(ConfigBackup backup) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("CUTOVER_ACTION", RESTORE);
        environment.put("CUTOVER_TAG", backup.tag() == null ? "" : backup.tag());
        backup.backups().forEach((name, value) -> environment.put("CUTOVER_BACKUP_" + name.toUpperCase(Locale.ROOT), value));
        run(RESTORE, environment);
    }

    private Commands.Result run(String action, Map<String, String> environment) {
        Commands.Result result = Commands.run(argv(action), environment, glance.switchTimeout(),
                "the switch command (" + action + ")");
        if (result.exitCode() != 0) {
            LOG.errorf("the switch command (%s) exited %d: %s", action, result.exitCode(), result.tail());
            throw new IllegalStateException("the switch command (" + action + ") exited " + result.exitCode()
                    + " (see the log)");
        }
        LOG.infof("the switch command (%s) succeeded: %s", action, result.tail());
        return result;
    }

    private List<String> argv(String action) {
        return List.of(glance.switchCommand().map(Path::toString).orElse("<cutover.glance.switch-command>"), action);
    }

    /** The target as the command sees it: where Glance's store must point, and the client files to use there. */
    private Map<String, String> environment(SwitchTarget target, String tag) {
        Path conf = target.cluster().glanceConf();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("CUTOVER_ACTION", APPLY);
        environment.put("CUTOVER_TAG", tag);
        environment.put("CUTOVER_TARGET_CLUSTER", target.clusterName());
        environment.put("CUTOVER_TARGET_FSID", target.cluster().fsid());
        environment.put("CUTOVER_TARGET_POOL", target.pool());
        environment.put("CUTOVER_TARGET_USER", target.cluster().glanceUser());
        environment.put("CUTOVER_TARGET_CEPH_CONF", conf.toString());
        environment.put("CUTOVER_TARGET_KEYRING",
                FileConfigSwitch.keyring(conf, FileConfigSwitch.read(conf), target.cluster().glanceUser()).toString());
        environment.put("CUTOVER_GLANCE_STORE", glance.store());
        return environment;
    }
}
