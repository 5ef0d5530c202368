package dev.glancemigrator.planner.ledger;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One migration: a source pool copied to a target pool, planned once and re-planned on request. */
@Entity
@Table(name = "migration")
public class Migration extends PanacheEntityBase {

    @Id
    public String id;

    @Column(name = "source_cluster")
    public String sourceCluster;

    @Column(name = "source_fsid")
    public String sourceFsid;

    @Column(name = "source_pool")
    public String sourcePool;

    @Column(name = "target_cluster")
    public String targetCluster;

    @Column(name = "target_fsid")
    public String targetFsid;

    @Column(name = "target_pool")
    public String targetPool;

    @Column(name = "plan_runs")
    public int planRuns;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "replanned_at")
    public Instant replannedAt;

    /** Who planned it (user@project, or the static token's operator); null for a plan made before this was kept. */
    @Column(name = "planned_by", length = 320)
    public String plannedBy;

    /** Who asked for the latest re-plan; null before the first. */
    @Column(name = "replanned_by", length = 320)
    public String replannedBy;
}
