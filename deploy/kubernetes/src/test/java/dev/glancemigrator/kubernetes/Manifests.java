package dev.glancemigrator.kubernetes;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A rendered YAML stream, every object read into its typed model (see {@link StrictModel}); an object of
 * a kind without a model here is a problem, never a generic resource.
 */
final class Manifests {

    /** apiVersion/kind → the model it must parse into. */
    private static final Map<String, Class<? extends HasMetadata>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class));

    private static final YAMLMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final List<HasMetadata> objects;
    private final List<String> problems;

    private Manifests(List<HasMetadata> objects, List<String> problems) {
        this.objects = List.copyOf(objects);
        this.problems = List.copyOf(problems);
    }

    static Manifests parse(String yamlStream) {
        List<JsonNode> documents;
        try {
            documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(yamlStream).readAll();
        } catch (IOException e) {
            throw new UncheckedIOException("the rendered stream is not YAML", e);
        }
        List<HasMetadata> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode document : documents) {
            if (document == null || document.isNull() || document.isEmpty()) {
                continue;
            }
            String type = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
            String what = type + " " + document.path("metadata").path("name").asText();
            Class<? extends HasMetadata> model = MODELS.get(type);
            if (model == null) {
                problems.add(what + ": no typed model for " + type + " (add one to Manifests.MODELS)");
                continue;
            }
            HasMetadata object = StrictModel.read(document, model, what, problems);
            if (object != null) {
                objects.add(object);
            }
        }
        return new Manifests(objects, problems);
    }

    /** What kept an object from being read exactly: empty when every object is. */
    List<String> problems() {
        return problems;
    }

    List<HasMetadata> all() {
        return objects;
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The object of that kind and exact name (as references name it, generated hash included). */
    <T extends HasMetadata> T named(Class<T> type, String name) {
        return all(type).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no " + type.getSimpleName() + " named " + name));
    }

    /** A Secret's entries, decoded (kustomize wraps long base64 lines, as the API server accepts). */
    static Map<String, String> decoded(Secret secret) {
        Map<String, String> entries = new java.util.TreeMap<>();
        if (secret.getData() != null) {
            secret.getData().forEach((key, value) -> entries.put(key,
                    new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8)));
        }
        if (secret.getStringData() != null) {
            entries.putAll(secret.getStringData());
        }
        return entries;
    }
}
