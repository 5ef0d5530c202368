package dev.glancemigrator.cutover.glance;

import java.util.Map;

/** What a config switch did: each file it replaced and the backup of its previous content. */
public record ConfigBackup(String kind, Map<String, String> backups) {
}
