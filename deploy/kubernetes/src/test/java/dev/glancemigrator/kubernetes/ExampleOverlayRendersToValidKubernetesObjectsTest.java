package dev.glancemigrator.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Renders deploy/kubernetes/overlays/example with {@code kubectl kustomize}, reads every object strictly
 * into its typed model (fabric8's Kubernetes and Prometheus operator models, Strimzi's), and checks what
 * the manifests promise against the code they deploy: application.properties, WorkerConfig, topics.tsv.
 */
class ExampleOverlayRendersToValidKubernetesObjectsTest {

    private static final String OVERLAY = "deploy/kubernetes/overlays/example";
    private static final List<String> SERVICES = List.of("planner-service", "copier-service", "verifier-service",
            "cutover-service");
    /** The services' image user (deploy/images). */
    private static final long SERVICE_UID = 10001;
    private static final String HEALTH_READY = "/q/health/ready";
    private static final String HEALTH_LIVE = "/q/health/live";
    private static final String METRICS = "/q/metrics";
    /** {@code ${GM_X}} or {@code ${GM_X:default}} in a property's value. */
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(GM_[A-Z0-9_]+)(:[^}]*)?}");
    /**
     * Optional in CutoverConfig (a Glance node's conf and restart command) and used only by the file
     * switch: unset where the cutover runs the command switch.
     */
    private static final Pattern FILE_SWITCH_ONLY = Pattern.compile("GM_GLANCE_API_\\d+_(CONF|RESTART)");
    private static final Pattern CEPHX_KEY = Pattern.compile("AQ[A-Za-z0-9+/]{36}==");
    private static final Pattern KEYRING_SECTION = Pattern.compile("(?m)^\\s*\\[([^]]+)]");
    private static final Pattern KEYRING_KEY = Pattern.compile("(?m)^\\s*key\\s*=\\s*(\\S+)");
    private static final String CEPH_CONF = "ceph.conf";
    /** The Kubernetes default when a pod does not say. */
    private static final long DEFAULT_TERMINATION_GRACE_SECONDS = 30;
    /** Execute permission for its owner, group and others: any of them lets the service's user run a file. */
    private static final int ANY_EXECUTE = 0111;

    private static Repository repository;
    private static Manifests manifests;

    @BeforeAll
    static void render() {
        repository = Repository.locate();
        manifests = Manifests.parse(Kustomize.render(repository.resolve(OVERLAY)));
    }

    @Test
    void everyObjectParsesIntoItsTypedModelWithNoUnknownFieldAndWritesBackUnchanged() {
        assertEquals(List.of(), manifests.problems(), "objects not read exactly into their models");
        Set<String> kinds = new TreeSet<>();
        manifests.all().forEach(object -> kinds.add(object.getKind()));
        assertEquals(new TreeSet<>(List.of("ConfigMap", "Deployment", "KafkaTopic", "Namespace", "PodDisruptionBudget",
                "Role", "RoleBinding", "Secret", "Service", "ServiceAccount", "ServiceMonitor")), kinds);
        assertEquals(SERVICES.stream().sorted().toList(),
                manifests.all(Deployment.class).stream().map(d -> d.getMetadata().getName()).sorted().toList());
    }

    @Test
    void copiersSpreadOverNodesAndEveryServiceAnswersHealthProbesAndRequestsResources() {
        Workload copier = workload("copier-service");
        assertEquals(3, copier.deployment().getSpec().getReplicas(), "the example runs three copiers");
        List<TopologySpreadConstraint> spread = copier.pod().getTopologySpreadConstraints();
        assertNotNull(spread, "copier pods have no topology spread");
        assertTrue(spread.stream().anyMatch(constraint -> constraint.getTopologyKey().equals("kubernetes.io/hostname")
                && constraint.getMaxSkew() >= 1 && Selectors.matches(constraint.getLabelSelector(), copier.podLabels())),
                "no spread of the copier's own pods across nodes (kubernetes.io/hostname): " + spread);

        for (String service : SERVICES) {
            Workload workload = workload(service);
            Container container = workload.container();
            assertProbe(workload, container.getReadinessProbe(), HEALTH_READY, "readiness");
            assertProbe(workload, container.getLivenessProbe(), HEALTH_LIVE, "liveness");
            Map<String, Quantity> requests = container.getResources().getRequests();
            Map<String, Quantity> limits = container.getResources().getLimits();
            assertTrue(requests != null && requests.containsKey("cpu") && requests.containsKey("memory"),
                    service + " requests no cpu and memory: " + requests);
            assertTrue(limits != null && limits.containsKey("memory"), service + " has no memory limit: " + limits);
            assertTrue(limits.get("memory").getNumericalAmount().compareTo(requests.get("memory").getNumericalAmount()) >= 0,
                    service + "'s memory limit is below its request");
        }
    }

    @Test
    void theTerminationGraceOfCopiersAndVerifiersCoversTheirDrainGrace() {
        Duration workerDefault = repository.workerDrainGraceDefault();
        for (String service : List.of("copier-service", "verifier-service")) {
            Workload workload = workload(service);
            String prefix = service.substring(0, service.indexOf('-'));
            String configured = repository.applicationProperties(service).getProperty(prefix + ".drain-grace");
            String fromEnvironment = workload.environment().get(prefix.toUpperCase(Locale.ROOT) + "_DRAIN_GRACE");
            Duration drain = fromEnvironment != null ? Repository.duration(fromEnvironment)
                    : configured != null ? Repository.duration(configured) : workerDefault;
            Long termination = workload.pod().getTerminationGracePeriodSeconds();
            long seconds = termination == null ? DEFAULT_TERMINATION_GRACE_SECONDS : termination;
            assertTrue(Duration.ofSeconds(seconds).compareTo(drain) >= 0, service + ": terminationGracePeriodSeconds " + seconds
                    + " is shorter than its drain grace " + drain + ": the kubelet would kill copies mid-drain");
        }
    }

    @Test
    void aDisruptionBudgetSelectsTheCopierPodsAndAnotherTheVerifierPods() {
        for (String service : List.of("copier-service", "verifier-service")) {
            Workload workload = workload(service);
            List<PodDisruptionBudget> budgets = manifests.all(PodDisruptionBudget.class).stream()
                    .filter(budget -> budget.getMetadata().getNamespace().equals(workload.namespace()))
                    .filter(budget -> Selectors.matches(budget.getSpec().getSelector(), workload.podLabels())).toList();
            assertEquals(1, budgets.size(), "disruption budgets selecting " + service + "'s pods: " + budgets.size());
            IntOrString maxUnavailable = budgets.get(0).getSpec().getMaxUnavailable();
            assertNotNull(maxUnavailable, service + "'s budget sets no maxUnavailable");
            assertTrue(maxUnavailable.getIntVal() != null && maxUnavailable.getIntVal() >= 1,
                    service + "'s budget must let a node drain evict one pod at a time: " + maxUnavailable);
        }
    }

    @Test
    void noSecretValueAppearsInAConfigMapOrAnEnvironmentVariable() {
        Set<String> secrets = new TreeSet<>();
        for (Secret secret : manifests.all(Secret.class)) {
            Manifests.decoded(secret).forEach((key, value) -> {
                // A keyring's secrets are its keys; a ceph.conf holds monitors and paths; anything else is whole.
                Matcher keys = KEYRING_KEY.matcher(value);
                boolean keyring = false;
                while (keys.find()) {
                    secrets.add(keys.group(1));
                    keyring = true;
                }
                if (!keyring && !key.equals(CEPH_CONF)) {
                    secrets.add(value.strip());
                }
            });
        }
        assertFalse(secrets.isEmpty());
        List<String> leaks = new ArrayList<>();
        for (ConfigMap map : manifests.all(ConfigMap.class)) {
            map.getData().forEach((key, value) -> secrets.stream().filter(value::contains)
                    .forEach(secret -> leaks.add("ConfigMap " + map.getMetadata().getName() + " " + key)));
        }
        for (Deployment deployment : manifests.all(Deployment.class)) {
            for (Container container : allContainers(deployment)) {
                List<EnvVar> variables = container.getEnv() == null ? List.of() : container.getEnv();
                for (EnvVar variable : variables) {
                    String where = deployment.getMetadata().getName() + " env " + variable.getName();
                    if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                        leaks.add(where + " (from a Secret: secrets reach the services only as files)");
                    }
                    if (variable.getValue() != null && secrets.stream().anyMatch(variable.getValue()::contains)) {
                        leaks.add(where);
                    }
                }
                if (container.getEnvFrom() != null && container.getEnvFrom().stream().anyMatch(s -> s.getSecretRef() != null)) {
                    leaks.add(deployment.getMetadata().getName() + " envFrom a Secret");
                }
            }
        }
        assertEquals(List.of(), leaks, "secret values outside Secrets");
    }

    @Test
    void theSourceClustersKeysAreOnlyItsReadOnlyUsers() {
        Map<String, String> environment = workload("copier-service").environment();
        String oldFsid = environment.get("GM_CEPH_OLD_FSID");
        String readOnlyUser = environment.get("GM_CEPH_OLD_RO_USER");
        assertTrue(readOnlyUser.endsWith("-ro") && !readOnlyUser.equals(environment.get("GM_CEPH_NEW_RW_USER")),
                "the source's user must be the read-only one (client.migrator-ro, profile rbd-read-only): " + readOnlyUser);

        // Every Secret with a conf for the source cluster holds that conf and the read-only user's keyring, nothing else.
        List<Secret> sourceSecrets = manifests.all(Secret.class).stream()
                .filter(secret -> fsid(Manifests.decoded(secret).get(CEPH_CONF)).equals(Optional.of(oldFsid))).toList();
        assertFalse(sourceSecrets.isEmpty(), "no Secret holds a conf for the source cluster " + oldFsid);
        for (Secret secret : sourceSecrets) {
            Map<String, String> entries = Manifests.decoded(secret);
            String name = secret.getMetadata().getName();
            assertEquals(Set.of(CEPH_CONF, "keyring"), entries.keySet(), name + " holds more than a conf and its keyring");
            assertEquals(List.of("client." + readOnlyUser), sections(entries.get("keyring")),
                    name + ": the source cluster's keyring must hold the read-only user's key alone");
        }

        // And the copier reads the source through exactly such a Secret.
        Workload copier = workload("copier-service");
        Workload.MountedFile conf = copier.file(environment.get("GM_CEPH_OLD_RO_CONF"))
                .orElseThrow(() -> new AssertionError("the copier's GM_CEPH_OLD_RO_CONF is not a mounted file"));
        assertTrue(sourceSecrets.stream().anyMatch(secret -> secret.getMetadata().getName()
                .equals(conf.volume().getSecret().getSecretName())));
    }

    @Test
    void theKafkaTopicsAreExactlyThoseTopicsTsvDeclares() {
        Map<String, List<String>> declared = new TreeMap<>();
        for (String[] row : repository.topics()) {
            declared.put(row[0], List.of(row[1], row[2], row[3]));
        }
        Map<String, List<String>> rendered = new TreeMap<>();
        for (KafkaTopic topic : manifests.all(KafkaTopic.class)) {
            assertEquals("kafka.strimzi.io/v1beta2", topic.getApiVersion());
            String cluster = topic.getMetadata().getLabels().get("strimzi.io/cluster");
            assertTrue(cluster != null && !cluster.isBlank(), topic.getMetadata().getName() + " names no Strimzi cluster");
            Map<String, Object> config = topic.getSpec().getConfig();
            assertEquals(Set.of("cleanup.policy", "retention.ms"), config.keySet(),
                    topic.getSpec().getTopicName() + ": topics.tsv declares these settings and no others");
            rendered.put(topic.getSpec().getTopicName(), List.of(String.valueOf(topic.getSpec().getPartitions()),
                    String.valueOf(config.get("cleanup.policy")), String.valueOf(config.get("retention.ms"))));
        }
        assertEquals(declared, rendered, "KafkaTopics (partitions, cleanup.policy, retention.ms) against topics.tsv");
    }

    @Test
    void everyDeploymentHasAMetricsPortThatAServiceMonitorScrapes() {
        for (String service : SERVICES) {
            Workload workload = workload(service);
            List<String> scraped = new ArrayList<>();
            for (Service kubernetesService : manifests.all(Service.class)) {
                if (!kubernetesService.getMetadata().getNamespace().equals(workload.namespace())
                        || !Selectors.matches(kubernetesService.getSpec().getSelector(), workload.podLabels())) {
                    continue;
                }
                for (ServicePort port : kubernetesService.getSpec().getPorts()) {
                    if (containerPort(workload.container(), port.getTargetPort()).isEmpty() || port.getName() == null) {
                        continue;
                    }
                    for (ServiceMonitor monitor : manifests.all(ServiceMonitor.class)) {
                        boolean sameNamespace = monitor.getSpec().getNamespaceSelector() == null
                                && monitor.getMetadata().getNamespace().equals(workload.namespace());
                        if (!sameNamespace
                                || !Selectors.matches(monitor.getSpec().getSelector(), kubernetesService.getMetadata().getLabels())) {
                            continue;
                        }
                        for (Endpoint endpoint : monitor.getSpec().getEndpoints()) {
                            if (port.getName().equals(endpoint.getPort()) && METRICS.equals(endpoint.getPath())) {
                                scraped.add(kubernetesService.getMetadata().getName() + ":" + port.getName());
                            }
                        }
                    }
                }
            }
            assertFalse(scraped.isEmpty(), service + ": no ServiceMonitor scrapes " + METRICS + " through a named Service port");
        }
    }

    @Test
    void everyVariableAServiceReadsIsSetAndEveryFileItNamesIsMounted() {
        Map<String, String> cutoverEnvironment = workload("cutover-service").environment();
        assertEquals("command", cutoverEnvironment.get("CUTOVER_GLANCE_SWITCH_KIND"),
                "Glance's config is the glance chart's: the cutover switches it with the command switch");
        List<String> missing = new ArrayList<>();
        for (String service : SERVICES) {
            Workload workload = workload(service);
            Map<String, String> environment = workload.environment();
            for (Map.Entry<String, Boolean> read : variables(repository.applicationProperties(service)).entrySet()) {
                String name = read.getKey();
                boolean needed = !read.getValue() || name.endsWith("_FILE");
                if (!needed || FILE_SWITCH_ONLY.matcher(name).matches()) {
                    continue;
                }
                String value = environment.get(name);
                if (value == null || value.isBlank()) {
                    missing.add(service + ": " + name + " is not set");
                } else if (name.endsWith("_FILE") || name.endsWith("_CONF")) {
                    Optional<Workload.MountedFile> file = workload.file(value);
                    if (file.isEmpty() || file.get().volume().getSecret() == null || file.get().content().isBlank()) {
                        missing.add(service + ": " + name + "=" + value + " is no file of a mounted Secret");
                    } else if (name.endsWith("_CONF")) {
                        missing.addAll(cephConfProblems(service, name, workload, file.get(), environment));
                    }
                }
            }
        }
        assertEquals(List.of(), missing);

        Workload cutover = workload("cutover-service");
        String command = cutoverEnvironment.get("CUTOVER_GLANCE_SWITCH_COMMAND");
        Workload.MountedFile script = cutover.file(command)
                .orElseThrow(() -> new AssertionError("the switch command " + command + " is not mounted"));
        assertTrue(script.content().startsWith("#!"), "the cutover runs the switch command directly: it needs a #! line");
        Integer mode = script.volume().getConfigMap() != null ? script.volume().getConfigMap().getDefaultMode() : null;
        assertTrue(mode != null && (mode & ANY_EXECUTE) != 0, "the switch command is not executable (mode " + mode + ")");
    }

    @Test
    void onlyTheCutoverTalksToKubernetesAndOnlyToSwitchGlancesDeployment() {
        Set<String> allowedVerbs = Set.of("get", "list", "watch", "patch");
        for (Role role : manifests.all(Role.class)) {
            for (PolicyRule rule : role.getRules()) {
                String what = "Role " + role.getMetadata().getName() + " rule " + rule;
                assertFalse(rule.getResourceNames() == null || rule.getResourceNames().isEmpty(), what + ": names no resource");
                assertTrue(allowedVerbs.containsAll(rule.getVerbs()), what + ": verbs beyond reading and patching");
                assertFalse(rule.getResources().contains("secrets") || rule.getResources().contains("*")
                        || rule.getApiGroups().contains("*"), what + ": too wide");
            }
        }
        Workload cutover = workload("cutover-service");
        for (RoleBinding binding : manifests.all(RoleBinding.class)) {
            assertEquals("Role", binding.getRoleRef().getKind(), binding.getMetadata().getName() + " binds a ClusterRole");
            for (Subject subject : binding.getSubjects()) {
                assertEquals(List.of("ServiceAccount", cutover.pod().getServiceAccountName(), cutover.namespace()),
                        List.of(subject.getKind(), subject.getName(), subject.getNamespace()),
                        binding.getMetadata().getName() + " binds someone other than the cutover");
            }
        }
        for (String service : SERVICES) {
            Boolean mounted = workload(service).pod().getAutomountServiceAccountToken();
            assertEquals(service.equals("cutover-service"), Boolean.TRUE.equals(mounted),
                    service + ": only the cutover's switch calls the Kubernetes API");
        }
    }

    @Test
    void everyPodRunsAsTheImagesNonRootUserWithAReadOnlyRootFilesystemAndAWritableTmp() {
        String version = System.getProperty("project.version");
        assertNotNull(version, "the build passes project.version (see this module's pom)");
        for (String service : SERVICES) {
            Workload workload = workload(service);
            PodSecurityContext pod = workload.pod().getSecurityContext();
            assertEquals(List.of(true, SERVICE_UID), List.of(pod.getRunAsNonRoot(), pod.getRunAsUser()), service);
            assertEquals("RuntimeDefault", pod.getSeccompProfile().getType(), service);
            Container container = workload.container();
            SecurityContext security = container.getSecurityContext();
            assertEquals(List.of(true, false, List.of("ALL")), List.of(security.getReadOnlyRootFilesystem(),
                    security.getAllowPrivilegeEscalation(), security.getCapabilities().getDrop()), service);
            VolumeMount tmp = container.getVolumeMounts().stream().filter(mount -> mount.getMountPath().equals("/tmp"))
                    .findFirst().orElseThrow(() -> new AssertionError(service + " has no writable /tmp"));
            Volume volume = workload.volume(tmp.getName());
            assertNotNull(volume.getEmptyDir(), service + "'s /tmp is not an emptyDir");
            assertTrue(container.getImage().endsWith("/glance-migrator/" + service + ":" + version),
                    service + " runs " + container.getImage() + ", not this build's image (" + version + ")");
        }
    }

    @Test
    void theExampleCarriesPlaceholdersNotSecrets() {
        for (Secret secret : manifests.all(Secret.class)) {
            Manifests.decoded(secret).forEach((key, value) -> {
                String where = "Secret " + secret.getMetadata().getName() + " " + key;
                assertFalse(CEPHX_KEY.matcher(value).find(), where + " holds what looks like a real cephx key");
                if (!key.equals(CEPH_CONF)) {
                    assertTrue(value.contains("PLACEHOLDER"), where + " is not an obvious placeholder");
                }
            });
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static Workload workload(String name) {
        return new Workload(manifests.named(Deployment.class, name), manifests);
    }

    private static List<Container> allContainers(Deployment deployment) {
        List<Container> containers = new ArrayList<>(deployment.getSpec().getTemplate().getSpec().getContainers());
        if (deployment.getSpec().getTemplate().getSpec().getInitContainers() != null) {
            containers.addAll(deployment.getSpec().getTemplate().getSpec().getInitContainers());
        }
        return containers;
    }

    private static void assertProbe(Workload workload, Probe probe, String path, String kind) {
        assertNotNull(probe, workload.name() + " has no " + kind + " probe");
        assertNotNull(probe.getHttpGet(), workload.name() + "'s " + kind + " probe is not an HTTP GET");
        assertEquals(path, probe.getHttpGet().getPath(), workload.name() + "'s " + kind + " probe");
        assertTrue(containerPort(workload.container(), probe.getHttpGet().getPort()).isPresent(),
                workload.name() + "'s " + kind + " probe aims at no port of its container");
    }

    /** The container port a probe's or Service's port names (by name or number). */
    private static Optional<ContainerPort> containerPort(Container container, IntOrString port) {
        if (port == null || container.getPorts() == null) {
            return Optional.empty();
        }
        return container.getPorts().stream().filter(candidate -> port.getIntVal() != null
                ? port.getIntVal().equals(candidate.getContainerPort())
                : port.getStrVal().equals(candidate.getName())).findFirst();
    }

    /** Every GM_ variable the service's own (non-profile) properties read, and whether it has a default there. */
    private static Map<String, Boolean> variables(Properties properties) {
        Map<String, Boolean> variables = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("%")) {
                continue;
            }
            Matcher variable = VARIABLE.matcher(properties.getProperty(key));
            while (variable.find()) {
                variables.merge(variable.group(1), variable.group(2) != null, Boolean::logicalAnd);
            }
        }
        return variables;
    }

    /** A mounted ceph.conf must be for the cluster its variable names and find its keyring in the same Secret. */
    private static List<String> cephConfProblems(String service, String variable, Workload workload,
            Workload.MountedFile conf, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        String cluster = variable.startsWith("GM_CEPH_OLD_") ? "OLD" : "NEW";
        String expected = environment.get("GM_CEPH_" + cluster + "_FSID");
        if (!fsid(conf.content()).equals(Optional.ofNullable(expected))) {
            problems.add(service + ": " + variable + " is a conf for fsid " + fsid(conf.content()).orElse("?")
                    + ", not GM_CEPH_" + cluster + "_FSID " + expected);
        }
        Matcher keyring = Pattern.compile("(?m)^\\s*keyring\\s*=\\s*(\\S+)").matcher(conf.content());
        if (keyring.find()) {
            Optional<Workload.MountedFile> file = workload.file(keyring.group(1));
            if (file.isEmpty() || !file.get().volume().equals(conf.volume())) {
                problems.add(service + ": " + variable + " names keyring " + keyring.group(1)
                        + ", which is not in the Secret mounted with it");
            }
        }
        return problems;
    }

    private static Optional<String> fsid(String conf) {
        if (conf == null) {
            return Optional.empty();
        }
        Matcher fsid = Pattern.compile("(?m)^\\s*fsid\\s*=\\s*(\\S+)").matcher(conf);
        return fsid.find() ? Optional.of(fsid.group(1)) : Optional.empty();
    }

    private static List<String> sections(String keyring) {
        List<String> sections = new ArrayList<>();
        Matcher section = KEYRING_SECTION.matcher(keyring);
        while (section.find()) {
            sections.add(section.group(1).strip());
        }
        return sections;
    }

}
