package dev.glancemigrator.cutover.glance;

import dev.glancemigrator.cutover.config.CutoverConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code file} switch: every Glance node runs on this host from its own glance-api.conf
 * ({@code cutover.glance.nodes.<name>.conf}). For each node, in fleet order, writes the target
 * cluster's client conf and Glance's keyring for it under {@code <ceph-dir>/<cluster>/}, then sets
 * {@code rbd_store_ceph_conf}, {@code rbd_store_user} and {@code rbd_store_pool} in the store's section,
 * keeping a backup of the previous glance-api.conf beside it. Every file takes the owner, group and
 * mode of the one it replaces or sits beside ({@link FileOwnership}). Restarting is
 * {@link GlanceRestart}'s, node by node, once the backup is in the journal.
 */
@ApplicationScoped
public class FileConfigSwitch implements GlanceConfigSwitch {

    static final String KIND = "file";
    private static final Pattern KEYRING_LINE = Pattern.compile("(?m)^(\\s*keyring\\s*=\\s*)(.*)$");
    private static final String CEPH_CONF_KEY = "rbd_store_ceph_conf";

    private final CutoverConfig.Glance glance;
    private final GlanceFleet fleet;

    FileConfigSwitch(CutoverConfig config, GlanceFleet fleet) {
        this.glance = config.glance();
        this.fleet = fleet;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void check() {
        fleet.requireFiles();
    }

    @Override
    public ConfigSwitchPlan plan(SwitchTarget target) {
        List<ConfigSwitchPlan.FileWrite> writes = new ArrayList<>();
        List<ConfigSwitchPlan.ConfEdit> edits = new ArrayList<>();
        for (GlanceNode node : fleet.nodes()) {
            Files files = files(node, target);
            Path conf = node.requiredConf();
            String text = read(conf);
            writes.add(new ConfigSwitchPlan.FileWrite(node.name(), files.conf().toString(), "Ceph client conf for Glance on "
                    + target.clusterName(), files.confContent(), target.glanceConf().toString()));
            writes.add(new ConfigSwitchPlan.FileWrite(node.name(), files.keyring().toString(), "keyring of client."
                    + target.cluster().glanceUser() + " on " + target.clusterName() + " (secret: not shown)", null,
                    files.sourceKeyring().toString()));
            storeValues(target, files).forEach((key, value) -> edits.add(new ConfigSwitchPlan.ConfEdit(node.name(),
                    conf.toString(), glance.store(), key, IniSection.get(text, glance.store(), key).orElse(null), value)));
        }
        return new ConfigSwitchPlan(KIND, List.copyOf(writes), List.copyOf(edits), null, ConfigSwitchPlan.rollout(fleet, true));
    }

    /**
     * Switches every node's files, or none: a node whose files cannot be written puts back the nodes switched
     * before it, since their backups are journaled only once every node is written (and a node restarted later
     * for any reason would otherwise come up on the target outside any cutover).
     */
    @Override
    public ConfigBackup apply(SwitchTarget target, String backupTag) {
        Map<String, String> backups = new LinkedHashMap<>();
        try {
            for (GlanceNode node : fleet.nodes()) {
                Path conf = node.requiredConf();
                backups.put(conf.toString(), apply(node, target, backupTag).toString());
            }
        } catch (RuntimeException e) {
            try {
                restore(new ConfigBackup(KIND, Map.copyOf(backups), backupTag));
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
        return new ConfigBackup(KIND, Map.copyOf(backups), backupTag);
    }

    /** Switches one node's files; returns the backup of its glance-api.conf. */
    private Path apply(GlanceNode node, SwitchTarget target, String backupTag) {
        Files files = files(node, target);
        Path conf = node.requiredConf();
        try {
            String before = read(conf);
            Path current = IniSection.get(before, glance.store(), CEPH_CONF_KEY).map(Path::of)
                    .filter(path -> path.toAbsolutePath().startsWith(node.cephDir().toAbsolutePath())).orElse(null);
            Path currentKeyring = current == null || !java.nio.file.Files.exists(current) ? null
                    : keyring(current, read(current), target.cluster().glanceUser());
            AtomicFiles.write(files.keyring(), java.nio.file.Files.readAllBytes(files.sourceKeyring()),
                    FileOwnership.firstOf(conf, FileOwnership.KEYRING_MODE, files.keyring(), currentKeyring));
            AtomicFiles.write(files.conf(), files.confContent().getBytes(StandardCharsets.UTF_8),
                    FileOwnership.firstOf(conf, FileOwnership.CONF_MODE, files.conf(), current));
            Path backup = conf.resolveSibling(conf.getFileName() + ".cutover-" + backupTag + ".bak");
            FileOwnership confOwnership = FileOwnership.of(conf);
            if (!java.nio.file.Files.exists(backup)) {
                // An earlier try of this attempt may have switched the file already: its backup is the original.
                AtomicFiles.write(backup, before.getBytes(StandardCharsets.UTF_8), confOwnership);
            }
            String after = IniSection.set(before, glance.store(), storeValues(target, files));
            AtomicFiles.write(conf, after.getBytes(StandardCharsets.UTF_8), confOwnership);
            return backup;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Glance config of node " + node.name(), e);
        }
    }

    /** Puts every node's glance-api.conf back from its backup, with the attributes it has now. */
    @Override
    public void restore(ConfigBackup backup) {
        try {
            for (Map.Entry<String, String> file : backup.backups().entrySet()) {
                Path original = Path.of(file.getKey());
                Path saved = Path.of(file.getValue());
                AtomicFiles.write(original, java.nio.file.Files.readAllBytes(saved),
                        FileOwnership.of(java.nio.file.Files.exists(original) ? original : saved));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore Glance's config from its backup", e);
        }
    }

    private Map<String, String> storeValues(SwitchTarget target, Files files) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(CEPH_CONF_KEY, files.conf().toString());
        values.put("rbd_store_user", target.cluster().glanceUser());
        values.put("rbd_store_pool", target.pool());
        return values;
    }

    /** One node's files for a target: the conf written with its keyring line pointing at the copied keyring. */
    private static Files files(GlanceNode node, SwitchTarget target) {
        Path dir = node.cephDir().resolve(target.clusterName());
        Path keyring = dir.resolve("ceph.client." + target.cluster().glanceUser() + ".keyring");
        Path sourceConf = target.glanceConf();
        String source = read(sourceConf);
        Matcher line = KEYRING_LINE.matcher(source);
        Path sourceKeyring = keyring(sourceConf, source, target.cluster().glanceUser());
        String content = line.find()
                ? line.replaceFirst(Matcher.quoteReplacement(line.group(1) + keyring))
                : source.replaceFirst("(?m)^\\[global]\\s*$", Matcher.quoteReplacement("[global]\nkeyring = " + keyring));
        return new Files(dir.resolve("ceph.conf"), keyring, sourceKeyring, content);
    }

    /** The keyring a client conf names (relative to the conf's directory), else {@code ceph.client.<user>.keyring} beside it. */
    static Path keyring(Path conf, String text, String user) {
        Matcher line = KEYRING_LINE.matcher(text);
        return line.find() ? conf.toAbsolutePath().getParent().resolve(line.group(2).strip())
                : conf.resolveSibling("ceph.client." + user + ".keyring");
    }

    static String read(Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private record Files(Path conf, Path keyring, Path sourceKeyring, String confContent) {
    }
}
