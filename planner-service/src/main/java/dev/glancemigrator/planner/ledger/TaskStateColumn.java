package dev.glancemigrator.planner.ledger;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link TaskState} as its label, so the ledger reads well in SQL. */
@Converter
public class TaskStateColumn implements AttributeConverter<TaskState, String> {

    @Override
    public String convertToDatabaseColumn(TaskState state) {
        return state == null ? null : state.label();
    }

    @Override
    public TaskState convertToEntityAttribute(String label) {
        return label == null ? null : TaskState.fromLabel(label)
                .orElseThrow(() -> new IllegalStateException("unknown task state in the ledger: " + label));
    }
}
