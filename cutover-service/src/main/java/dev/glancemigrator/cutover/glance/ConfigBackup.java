package dev.glancemigrator.cutover.glance;

import java.util.Map;

/**
 * What a config switch did, for its rollback: {@code file}, each file it replaced and the backup of its
 * previous content; {@code command}, the values its command reported. {@code tag} names the switch
 * ({@code <migration id>-<attempt>}); null in backups journaled before it was kept.
 */
public record ConfigBackup(String kind, Map<String, String> backups, String tag) {
}
