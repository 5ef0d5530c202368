package dev.glancemigrator.cutover.glance;

/**
 * Points Glance's rbd store at another cluster. {@code file} edits glance-api.conf on this host;
 * Kubernetes (a ConfigMap and Secret) or Helm (values, upgrade) implement the same contract later.
 */
public interface GlanceConfigSwitch {

    /** The {@code cutover.glance.switch-kind} this implementation answers to. */
    String kind();

    /** What {@link #apply} would write, computed from the live files; writes nothing. */
    ConfigSwitchPlan plan(SwitchTarget target);

    /** Writes the new config (each replaced file backed up first, each write atomic); does not restart Glance. */
    ConfigBackup apply(SwitchTarget target, String backupTag);

    /** Puts the backed-up files back (atomically); does not restart Glance. */
    void restore(ConfigBackup backup);
}
