package dev.glancemigrator.cutover.glance;

/**
 * Points Glance's rbd store at another cluster. {@code file} edits glance-api.conf on this host;
 * {@code command} runs the operator's executable (a Helm upgrade, a kolla reconfigure, …) with the
 * target's details.
 */
public interface GlanceConfigSwitch {

    /** The {@code cutover.glance.switch-kind} this implementation answers to. */
    String kind();

    /** Refuses, at start-up, a configuration this switch cannot work with. */
    void check();

    /** What {@link #apply} would write, computed from the live files; writes nothing. */
    ConfigSwitchPlan plan(SwitchTarget target);

    /**
     * Writes the new config (each replaced file backed up first, each write atomic); does not restart Glance.
     * May be called again with the same {@code backupTag} after a crash: the backup is then still the
     * config from before the first call.
     */
    ConfigBackup apply(SwitchTarget target, String backupTag);

    /** Puts the backed-up files back (atomically); does not restart Glance. */
    void restore(ConfigBackup backup);
}
