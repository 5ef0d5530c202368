package dev.glancemigrator.kubernetes;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;

/** Label selectors as Kubernetes applies them. */
final class Selectors {

    private Selectors() {
    }

    /** A LabelSelector (Deployments, PDBs, ServiceMonitors, spread constraints); an empty one matches nothing here. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null || (empty(selector.getMatchLabels()) && empty(selector.getMatchExpressions()))) {
            return false;
        }
        if (selector.getMatchLabels() != null && !matches(selector.getMatchLabels(), labels)) {
            return false;
        }
        List<LabelSelectorRequirement> requirements = selector.getMatchExpressions() == null ? List.of()
                : selector.getMatchExpressions();
        return requirements.stream().allMatch(requirement -> matches(requirement, labels));
    }

    /** A Service's map selector; an empty one selects no pod. */
    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return !empty(selector) && labels != null && labels.entrySet().containsAll(selector.entrySet());
    }

    private static boolean matches(LabelSelectorRequirement requirement, Map<String, String> labels) {
        String value = labels.get(requirement.getKey());
        List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
        return switch (requirement.getOperator()) {
            case "In" -> value != null && values.contains(value);
            case "NotIn" -> value == null || !values.contains(value);
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> throw new IllegalArgumentException("unknown selector operator " + requirement.getOperator());
        };
    }

    private static boolean empty(Map<?, ?> map) {
        return map == null || map.isEmpty();
    }

    private static boolean empty(List<?> list) {
        return list == null || list.isEmpty();
    }
}
