package dev.glancemigrator.planner.ledger;

import dev.glancemigrator.events.DependentClone;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One clone child of an image's source snapshot, as the image's latest applied {@code copied} listed it:
 * the source cluster cannot be retired while it exists.
 */
@Entity
@Table(name = "image_dependent")
public class ImageDependent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "task_id")
    public long taskId;

    public String pool;

    public String namespace;

    public String image;

    @Enumerated(EnumType.STRING)
    public DependentClone.Kind kind;

    @Column(name = "in_trash")
    public boolean inTrash;

    /** Replaces the task's children with those a copied event listed, and counts them on the task. */
    static void replace(ImageTask task, List<DependentClone> children) {
        if (task.dependents > 0) {
            delete("taskId", task.id);
        }
        for (DependentClone child : children) {
            ImageDependent row = new ImageDependent();
            row.taskId = task.id;
            row.pool = child.pool();
            row.namespace = child.namespace();
            row.image = child.image();
            row.kind = child.kind();
            row.inTrash = child.inTrash();
            row.persist();
        }
        task.dependents = children.size();
    }

    /** The children of each of these tasks (by task id; a task without any is absent), in one query. */
    public static Map<Long, List<DependentClone>> of(Collection<Long> taskIds) {
        Map<Long, List<DependentClone>> children = new LinkedHashMap<>();
        if (taskIds.isEmpty()) {
            return children;
        }
        List<ImageDependent> rows = list("taskId in ?1 order by taskId, pool, namespace, image", taskIds);
        for (ImageDependent row : rows) {
            children.computeIfAbsent(row.taskId, id -> new ArrayList<>())
                    .add(new DependentClone(row.pool, row.namespace, row.image, row.kind, row.inTrash));
        }
        return children;
    }
}
