package dev.glancemigrator.cutover.glance;

import dev.glancemigrator.cutover.config.CutoverConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code file} switch: Glance runs on this host from {@code cutover.glance.conf}. Writes the target
 * cluster's client conf and Glance's keyring for it under {@code <ceph-dir>/<cluster>/}, then sets
 * {@code rbd_store_ceph_conf}, {@code rbd_store_user} and {@code rbd_store_pool} in the store's section,
 * keeping a backup of the previous glance-api.conf beside it.
 */
@ApplicationScoped
public class FileConfigSwitch implements GlanceConfigSwitch {

    static final String KIND = "file";
    private static final Pattern KEYRING_LINE = Pattern.compile("(?m)^(\\s*keyring\\s*=\\s*)(.*)$");

    private final CutoverConfig.Glance glance;

    FileConfigSwitch(CutoverConfig config) {
        this.glance = config.glance();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void check() {
        if (glance.conf().isEmpty()) {
            throw new IllegalStateException("cutover.glance.conf (glance-api.conf) must be set for the file switch");
        }
    }

    @Override
    public ConfigSwitchPlan plan(SwitchTarget target) {
        Files files = files(target);
        String conf = read(conf());
        List<ConfigSwitchPlan.ConfEdit> edits = new ArrayList<>();
        storeValues(target, files).forEach((key, value) -> edits.add(new ConfigSwitchPlan.ConfEdit(conf().toString(),
                glance.store(), key, IniSection.get(conf, glance.store(), key).orElse(null), value)));
        return new ConfigSwitchPlan(KIND, List.of(
                new ConfigSwitchPlan.FileWrite(files.conf().toString(), "Ceph client conf for Glance on " + target.clusterName(),
                        files.confContent(), target.cluster().glanceConf().toString()),
                new ConfigSwitchPlan.FileWrite(files.keyring().toString(), "keyring of client." + target.cluster().glanceUser()
                        + " on " + target.clusterName() + " (secret: not shown)", null, files.sourceKeyring().toString())),
                List.copyOf(edits), null, glance.restartCommand());
    }

    @Override
    public ConfigBackup apply(SwitchTarget target, String backupTag) {
        Files files = files(target);
        try {
            AtomicFiles.write(files.keyring(), java.nio.file.Files.readAllBytes(files.sourceKeyring()),
                    PosixFilePermissions.fromString("rw-------"));
            AtomicFiles.write(files.conf(), files.confContent().getBytes(StandardCharsets.UTF_8),
                    PosixFilePermissions.fromString("rw-r--r--"));
            Path conf = conf();
            String before = read(conf);
            Path backup = conf.resolveSibling(conf.getFileName() + ".cutover-" + backupTag + ".bak");
            if (!java.nio.file.Files.exists(backup)) {
                // An earlier try of this attempt may have switched the file already: its backup is the original.
                AtomicFiles.write(backup, before.getBytes(StandardCharsets.UTF_8),
                        AtomicFiles.permissionsOf(conf, PosixFilePermissions.fromString("rw-------")));
            }
            String after = IniSection.set(before, glance.store(), storeValues(target, files));
            AtomicFiles.write(conf, after.getBytes(StandardCharsets.UTF_8),
                    AtomicFiles.permissionsOf(conf, PosixFilePermissions.fromString("rw-------")));
            return new ConfigBackup(KIND, Map.of(conf.toString(), backup.toString()), backupTag);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write Glance's config", e);
        }
    }

    @Override
    public void restore(ConfigBackup backup) {
        try {
            for (Map.Entry<String, String> file : backup.backups().entrySet()) {
                Path original = Path.of(file.getKey());
                AtomicFiles.write(original, java.nio.file.Files.readAllBytes(Path.of(file.getValue())),
                        AtomicFiles.permissionsOf(original, PosixFilePermissions.fromString("rw-------")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore Glance's config from its backup", e);
        }
    }

    private Map<String, String> storeValues(SwitchTarget target, Files files) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("rbd_store_ceph_conf", files.conf().toString());
        values.put("rbd_store_user", target.cluster().glanceUser());
        values.put("rbd_store_pool", target.pool());
        return values;
    }

    /** The files for a target: the conf written with its keyring line pointing at the copied keyring. */
    private Files files(SwitchTarget target) {
        Path dir = glance.cephDir().orElseGet(() -> conf().toAbsolutePath().getParent().resolve("ceph"))
                .resolve(target.clusterName());
        Path keyring = dir.resolve("ceph.client." + target.cluster().glanceUser() + ".keyring");
        Path sourceConf = target.cluster().glanceConf();
        String source = read(sourceConf);
        Matcher line = KEYRING_LINE.matcher(source);
        Path sourceKeyring = keyring(sourceConf, source, target.cluster().glanceUser());
        String content = line.find()
                ? line.replaceFirst(Matcher.quoteReplacement(line.group(1) + keyring))
                : source.replaceFirst("(?m)^\\[global]\\s*$", Matcher.quoteReplacement("[global]\nkeyring = " + keyring));
        return new Files(dir.resolve("ceph.conf"), keyring, sourceKeyring, content);
    }

    private Path conf() {
        return glance.conf().orElseThrow(() -> new IllegalStateException("cutover.glance.conf is not set"));
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
