import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the topics that topics.tsv declares and are missing, and fails when an existing one has
 * other partitions. Run by stack.sh as a single-file program: one JVM for all topics.
 */
public class CreateTopics {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        List<NewTopic> declared = Files.readAllLines(Path.of(args[1])).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t"))
                .map(c -> new NewTopic(c[0], Integer.parseInt(c[1]), (short) 1)
                        .configs(Map.of("cleanup.policy", c[2], "retention.ms", c[3])))
                .toList();
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = declared.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            var described = admin.describeTopics(declared.stream().map(NewTopic::name).toList())
                    .allTopicNames().get();
            for (NewTopic topic : declared) {
                int actual = described.get(topic.name()).partitions().size();
                if (actual != topic.numPartitions()) {
                    throw new IllegalStateException(topic.name() + " has " + actual + " partitions, "
                            + topic.numPartitions() + " declared");
                }
            }
            System.out.println("topics ready: " + declared.size() + " (" + missing.size() + " created)");
        }
    }
}
