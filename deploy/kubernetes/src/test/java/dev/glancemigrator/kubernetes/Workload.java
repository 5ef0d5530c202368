package dev.glancemigrator.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One Deployment as its pods see it: labels, its one container, its environment, the files mounted into it. */
record Workload(Deployment deployment, Manifests manifests) {

    /** A file a container sees: which volume source it comes from, under which key. */
    record MountedFile(Volume volume, String key, String content) {
    }

    String name() {
        return deployment.getMetadata().getName();
    }

    String namespace() {
        return deployment.getMetadata().getNamespace();
    }

    PodSpec pod() {
        return deployment.getSpec().getTemplate().getSpec();
    }

    Map<String, String> podLabels() {
        return deployment.getSpec().getTemplate().getMetadata().getLabels();
    }

    /** Each service runs as the only container of its pod. */
    Container container() {
        List<Container> containers = pod().getContainers();
        if (containers.size() != 1) {
            throw new AssertionError(name() + " has " + containers.size() + " containers, expected its service alone");
        }
        return containers.get(0);
    }

    /**
     * The container's environment as Kubernetes builds it: every envFrom ConfigMap's entries, then the
     * env list on top. Values taken from elsewhere (valueFrom) appear as null.
     */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        List<EnvFromSource> sources = container().getEnvFrom() == null ? List.of() : container().getEnvFrom();
        for (EnvFromSource source : sources) {
            if (source.getConfigMapRef() != null) {
                ConfigMap map = manifests.named(ConfigMap.class, source.getConfigMapRef().getName());
                String prefix = source.getPrefix() == null ? "" : source.getPrefix();
                map.getData().forEach((key, value) -> environment.put(prefix + key, value));
            }
        }
        List<EnvVar> variables = container().getEnv() == null ? List.of() : container().getEnv();
        for (EnvVar variable : variables) {
            environment.put(variable.getName(), variable.getValueFrom() == null ? variable.getValue() : null);
        }
        return environment;
    }

    /** The file at {@code path} in the container, when a Secret or ConfigMap volume puts it there. */
    Optional<MountedFile> file(String path) {
        Path file = Path.of(path);
        List<VolumeMount> mounts = container().getVolumeMounts() == null ? List.of() : container().getVolumeMounts();
        for (VolumeMount mount : mounts) {
            if (!file.getParent().equals(Path.of(mount.getMountPath())) || mount.getSubPath() != null) {
                continue;
            }
            Volume volume = volume(mount.getName());
            String key = file.getFileName().toString();
            Optional<String> content = Optional.empty();
            if (volume.getSecret() != null) {
                content = Optional.ofNullable(Manifests.decoded(manifests.named(Secret.class,
                        volume.getSecret().getSecretName())).get(key));
            } else if (volume.getConfigMap() != null) {
                content = Optional.ofNullable(manifests.named(ConfigMap.class, volume.getConfigMap().getName())
                        .getData().get(key));
            }
            return content.map(text -> new MountedFile(volume, key, text));
        }
        return Optional.empty();
    }

    Volume volume(String name) {
        return pod().getVolumes().stream().filter(volume -> volume.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name() + " mounts volume " + name + ", which its pod does not have"));
    }
}
