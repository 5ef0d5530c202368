package dev.glancemigrator.cli.images;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glancemigrator.cli.ServiceCommand;
import dev.glancemigrator.cli.render.Table;
import dev.glancemigrator.cli.render.Table.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code events IMAGE [MIGRATION]}: one image's audit trail, each event with its place in Kafka. */
@Command(name = "events", description = "The audit trail of one image: every event, with topic, partition and offset.")
public class EventsCommand extends ServiceCommand {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "the image id")
    String image;

    @Parameters(index = "1", arity = "0..1", paramLabel = "MIGRATION", description = "migration id (default: the newest)")
    String migration;

    @Override
    public Integer call() {
        JsonNode answer = allPages(root.planner(),
                "/migrations/" + segment(migration(migration)) + "/images/" + segment(image) + "/events");
        if (json()) {
            printJson(answer);
            return 0;
        }
        Table table = new Table(Column.right("SEQ"), Column.left("OCCURRED"), Column.left("TYPE"),
                Column.right("ATTEMPT"), Column.left("HOST"), Column.left("TOPIC"), Column.right("PARTITION"),
                Column.right("OFFSET"));
        for (JsonNode event : answer.path("items")) {
            table.row(event.path("sequence").asLong(), event.path("occurredAt").asText(""), event.path("type").asText(),
                    event.path("attempt").asInt(), event.path("host").asText(null), event.path("topic").asText(),
                    event.path("partition").asInt(), event.path("offset").asLong());
        }
        print(table.lines());
        out().println(answer.path("total").asLong() + " events");
        return 0;
    }
}
