package dev.glancemigrator.cutover.glance;

import dev.glancemigrator.cutover.config.CutoverConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
 * names only, never a key); it points every Glance node's store at the target and rolls them out
 * (restarts them). Each {@code backup.<name>=<value>} line it prints on stdout is kept in the journal;</li>
 * <li>{@code <command> restore} on rollback, with those values as {@code CUTOVER_BACKUP_<NAME>}.</li>
 * </ul>
 * Exit 0 means done; anything else, or no end within {@code cutover.glance.switch-timeout}, is a failed
 * switch. Each run's exit status and the end of its output, key material redacted, are kept in the
 * journal ({@link SwitchCommandRuns}). {@code apply} may run again with the same {@code CUTOVER_TAG}
 * after a crash, and must then report the backup of the state before the first run. The nodes'
 * restart commands are not run after it: the service waits for every node to answer, then checks
 * that each serves the sample.
 */
@ApplicationScoped
public class CommandConfigSwitch implements GlanceConfigSwitch {

    static final String KIND = "command";
    private static final Logger LOG = Logger.getLogger(CommandConfigSwitch.class);
    private static final Pattern BACKUP_LINE = Pattern.compile("^backup\\.([A-Za-z0-9_]+)=(.*)$");
    /** {@code mon_host}, {@code mon host} or {@code mon-host}: Ceph accepts all three spellings. */
    private static final Pattern MON_HOST = Pattern.compile("(?m)^\\s*mon[ _-]host\\s*=\\s*(.*?)\\s*$");
    private static final String APPLY = "apply";
    private static final String RESTORE = "restore";

    private final CutoverConfig.Glance glance;
    private final GlanceFleet fleet;
    private final SwitchCommandRuns runs;

    CommandConfigSwitch(CutoverConfig config, GlanceFleet fleet, SwitchCommandRuns runs) {
        this.glance = config.glance();
        this.fleet = fleet;
        this.runs = runs;
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
                environment(target, "<migration id>-<attempt>")), ConfigSwitchPlan.rollout(fleet, false));
    }

    @Override
    public ConfigBackup apply(SwitchTarget target, String backupTag) {
        Redaction redaction = Redaction.of(keyring(target));
        Commands.Result result = run(APPLY, backupTag, environment(target, backupTag), redaction);
        Map<String, String> backups = new LinkedHashMap<>();
        for (String line : result.output().split("\n")) {
            Matcher backup = BACKUP_LINE.matcher(line.strip());
            if (backup.matches()) {
                // Kept in the journal and shown by the cutover status: a script that reports a secret as its
                // backup is refused rather than believed.
                if (!redaction.apply(backup.group(2)).equals(backup.group(2))) {
                    throw new IllegalStateException("the switch command reported a key as its backup '" + backup.group(1)
                            + "': refused (a backup names where the old config was kept, never key material)");
                }
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
        // The way back names no keyring: what looks like a key is redacted all the same.
        run(RESTORE, backup.tag(), environment, Redaction.shapesOnly());
    }

    private Commands.Result run(String action, String tag, Map<String, String> environment, Redaction redaction) {
        String what = "the switch command (" + action + ")";
        Instant started = Instant.now();
        Commands.Result result;
        try {
            result = Commands.run(argv(action), environment, glance.switchTimeout(), what);
        } catch (IllegalStateException e) {
            runs.record(tag, action, null, redaction.apply(e.getMessage()), started, Instant.now());
            throw e;
        }
        String tail = result.tail(redaction);
        runs.record(tag, action, result.exitCode(), tail, started, Instant.now());
        if (result.exitCode() != 0) {
            LOG.errorf("%s exited %d: %s", what, result.exitCode(), tail);
            throw new IllegalStateException(what + " exited " + result.exitCode()
                    + " (its output is in the journal: cutover_switch_command)");
        }
        LOG.infof("%s succeeded: %s", what, tail);
        return result;
    }

    private List<String> argv(String action) {
        return List.of(glance.switchCommand().map(Path::toString).orElse("<cutover.glance.switch-command>"), action);
    }

    private static Path keyring(SwitchTarget target) {
        Path conf = target.glanceConf();
        return FileConfigSwitch.keyring(conf, FileConfigSwitch.read(conf), target.cluster().glanceUser());
    }

    /** The target as the command sees it: where Glance's store must point, and the client files to use there. */
    private Map<String, String> environment(SwitchTarget target, String tag) {
        Path conf = target.glanceConf();
        String confText = FileConfigSwitch.read(conf);
        Matcher monHost = MON_HOST.matcher(confText);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("CUTOVER_ACTION", APPLY);
        environment.put("CUTOVER_TAG", tag);
        environment.put("CUTOVER_TARGET_CLUSTER", target.clusterName());
        environment.put("CUTOVER_TARGET_FSID", target.cluster().fsid());
        environment.put("CUTOVER_TARGET_MON_HOST", monHost.find() ? monHost.group(1) : "");
        environment.put("CUTOVER_TARGET_POOL", target.pool());
        environment.put("CUTOVER_TARGET_USER", target.cluster().glanceUser());
        environment.put("CUTOVER_TARGET_CEPH_CONF", conf.toString());
        environment.put("CUTOVER_TARGET_KEYRING", keyring(target).toString());
        environment.put("CUTOVER_GLANCE_STORE", glance.store());
        environment.put("CUTOVER_GLANCE_NODES", String.join(" ", fleet.nodes().stream().map(GlanceNode::name).toList()));
        return environment;
    }
}
