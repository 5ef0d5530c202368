package dev.glancemigrator.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Topic names, and their partition counts and retention as {@code topics.tsv} beside this class
 * declares them (the file the local stack creates its topics from).
 */
public final class Topics {

    /** {@link CopyTask}s, planner to copiers. */
    public static final String COPY_TASKS = "glance-migrator.copy-tasks";
    /** {@link CopyProgress}, copiers to planner. */
    public static final String COPY_PROGRESS = "glance-migrator.copy-progress";
    /** {@link CopyResult}s, copiers to verifiers and planner. */
    public static final String COPY_RESULTS = "glance-migrator.copy-results";
    /** {@link VerifyProgress}, verifiers to planner. */
    public static final String VERIFY_PROGRESS = "glance-migrator.verify-progress";
    /** {@link VerifyResult}s, verifiers to planner. */
    public static final String VERIFY_RESULTS = "glance-migrator.verify-results";
    /** {@link MigrationPlanned} and {@link CutoverEvent}s, keyed by migration id. */
    public static final String MIGRATION_EVENTS = "glance-migrator.migration-events";
    /** Records no consumer could parse, with the reason in their headers. */
    public static final String DEAD_LETTER = "glance-migrator.dead-letter";

    private static final String SPEC_RESOURCE = "topics.tsv";

    private Topics() {
    }

    /** The topic an event is published to. */
    public static String of(MigrationEvent event) {
        if (event instanceof CopyTask) {
            return COPY_TASKS;
        } else if (event instanceof CopyProgress) {
            return COPY_PROGRESS;
        } else if (event instanceof CopyResult) {
            return COPY_RESULTS;
        } else if (event instanceof VerifyProgress) {
            return VERIFY_PROGRESS;
        } else if (event instanceof VerifyResult) {
            return VERIFY_RESULTS;
        } else {
            return MIGRATION_EVENTS;
        }
    }

    /** A topic as the broker should have it. */
    public record Spec(String name, int partitions, String cleanupPolicy, long retentionMs) {
    }

    public static List<Spec> specs() {
        try (InputStream in = Topics.class.getResourceAsStream(SPEC_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SPEC_RESOURCE + " is missing beside " + Topics.class.getName());
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(Topics::parse)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Spec parse(String line) {
        String[] column = line.split("\t");
        return new Spec(column[0], Integer.parseInt(column[1]), column[2], Long.parseLong(column[3]));
    }
}
