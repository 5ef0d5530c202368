package dev.glancemigrator.planner.status;

import dev.glancemigrator.api.NotFoundException;
import dev.glancemigrator.planner.api.Page;
import dev.glancemigrator.planner.api.Paging;
import dev.glancemigrator.planner.config.PlannerConfig;
import dev.glancemigrator.planner.ledger.ImageTask;
import dev.glancemigrator.planner.ledger.Migration;
import dev.glancemigrator.planner.ledger.TaskState;
import dev.glancemigrator.planner.outbox.OutboxEntry;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A migration's status, computed from the ledger (and the in-memory copy rate) on each request. */
@ApplicationScoped
public class MigrationStatuses {

    private final CopyThroughput throughput;
    private final StuckImages stuckImages;
    private final PlannerConfig config;

    public MigrationStatuses(CopyThroughput throughput, StuckImages stuckImages, PlannerConfig config) {
        this.throughput = throughput;
        this.stuckImages = stuckImages;
        this.config = config;
    }

    @Transactional
    public Page<MigrationStatus> page(Paging.Request request) {
        PanacheQuery<Migration> query = Migration.find("order by createdAt desc, id");
        List<MigrationStatus> items = query.page(request.page(), request.size()).list().stream().map(this::of).toList();
        return new Page<>(request.page(), request.size(), query.count(), items);
    }

    @Transactional
    public MigrationStatus of(String migrationId) {
        return of(find(migrationId));
    }

    public static Migration find(String migrationId) {
        Migration migration = Migration.findById(migrationId);
        if (migration == null) {
            throw new NotFoundException("no migration " + migrationId);
        }
        return migration;
    }

    private MigrationStatus of(Migration m) {
        Map<String, Long> counts = new LinkedHashMap<>();
        Arrays.stream(TaskState.values()).forEach(state -> counts.put(state.label(), 0L));
        long total = 0;
        long copied = 0;
        long verified = 0;
        List<Object[]> perState = ImageTask.getEntityManager().createQuery("""
                select t.state, count(t), sum(t.sizeBytes), sum(t.bytesCopied), sum(t.bytesVerified)
                from ImageTask t where t.migrationId = ?1 group by t.state""", Object[].class)
                .setParameter(1, m.id).getResultList();
        for (Object[] row : perState) {
            TaskState state = (TaskState) row[0];
            counts.put(state.label(), (Long) row[1]);
            if (state.isToBeCopied()) {
                total += (Long) row[2];
                copied += (Long) row[3];
                verified += (Long) row[4];
            }
        }
        Instant now = Instant.now();
        long rate = throughput.bytesPerSecond(m.id, now);
        Optional<Duration> eta = Eta.of(total - copied, rate);
        StuckRule.Listing<MigrationStatus.Stuck> stuck = stuckImages.of(m.id, now);
        return new MigrationStatus(m.id,
                new MigrationStatus.Pool(m.sourceCluster, m.sourceFsid, m.sourcePool),
                new MigrationStatus.Pool(m.targetCluster, m.targetFsid, m.targetPool),
                m.createdAt, m.plannedBy, m.planRuns, m.replannedAt, m.replannedBy, counts,
                new MigrationStatus.Bytes(total, copied, verified),
                dependents(m.id),
                rate, eta.map(Duration::toSeconds).orElse(null), eta.map(now::plus).orElse(null),
                hostLoads(m.id, now), failures(m.id), stuck.items(), stuck.more(), OutboxEntry.countUnsent(m.id));
    }

    /** The images with clone children and their count: one range read of (migration_id, dependents). */
    private static MigrationStatus.Dependents dependents(String migrationId) {
        Object[] row = ImageTask.getEntityManager().createQuery("""
                select count(t), coalesce(sum(t.dependents), 0) from ImageTask t
                where t.migrationId = ?1 and t.dependents > 0""", Object[].class)
                .setParameter(1, migrationId).getSingleResult();
        return new MigrationStatus.Dependents((Long) row[0], ((Number) row[1]).longValue());
    }

    /** Every host with work in flight or a copy rate in the window: copies, verifications, bytes per second. */
    private List<MigrationStatus.HostLoad> hostLoads(String migrationId, Instant now) {
        Map<String, long[]> perHost = new TreeMap<>();
        countPerHost(migrationId, "copyHost", TaskState.COPYING)
                .forEach((host, n) -> perHost.computeIfAbsent(host, h -> new long[3])[0] = n);
        countPerHost(migrationId, "verifyHost", TaskState.VERIFYING)
                .forEach((host, n) -> perHost.computeIfAbsent(host, h -> new long[3])[1] = n);
        throughput.bytesPerSecondByHost(migrationId, now).forEach((host, rate) -> {
            if (rate > 0 || perHost.containsKey(host)) {
                perHost.computeIfAbsent(host, h -> new long[3])[2] = rate;
            }
        });
        List<MigrationStatus.HostLoad> loads = new ArrayList<>();
        perHost.forEach((host, n) -> loads.add(new MigrationStatus.HostLoad(host, n[0], n[1], n[2])));
        return loads;
    }

    private static Map<String, Long> countPerHost(String migrationId, String hostField, TaskState state) {
        Map<String, Long> counts = new TreeMap<>();
        ImageTask.getEntityManager().createQuery("select t." + hostField + ", count(t) from ImageTask t"
                        + " where t.migrationId = ?1 and t.state = ?2 and t." + hostField + " is not null"
                        + " group by t." + hostField, Object[].class)
                .setParameter(1, migrationId).setParameter(2, state)
                .getResultList()
                .forEach(row -> counts.put((String) row[0], (Long) row[1]));
        return counts;
    }

    private List<MigrationStatus.Failure> failures(String migrationId) {
        List<ImageTask> failed = ImageTask.find("migrationId = ?1 and state = ?2 order by finishedAt desc",
                migrationId, TaskState.FAILED).page(0, config.status().failuresListed()).list();
        return failed.stream()
                .map(t -> new MigrationStatus.Failure(t.imageId, t.imageName, t.attempt, t.reason))
                .toList();
    }
}
