package dev.glancemigrator.cli.images;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glancemigrator.cli.ServiceCommand;
import dev.glancemigrator.cli.http.ServiceClient;
import dev.glancemigrator.cli.render.Sizes;
import dev.glancemigrator.cli.render.Table;
import dev.glancemigrator.cli.render.Table.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code migrations}: every migration, newest first (the one the other commands default to on top). */
@Command(name = "migrations", description = "List migrations, newest first.")
public class MigrationsCommand extends ServiceCommand {

    @Option(names = "--page", defaultValue = "0", description = "page number, from 0")
    int page;

    @Option(names = "--size", defaultValue = "20", description = "migrations per page")
    int size;

    @Override
    public Integer call() {
        JsonNode answer = root.planner().get("/migrations",
                ServiceClient.query("page", Integer.toString(page), "size", Integer.toString(size)));
        if (json()) {
            printJson(answer);
            return 0;
        }
        Table table = new Table(Column.left("MIGRATION"), Column.left("CREATED"), Column.left("SOURCE"),
                Column.left("TARGET"), Column.right("VERIFIED"), Column.right("FAILED"), Column.right("OPEN"),
                Column.right("TOTAL SIZE"));
        for (JsonNode m : answer.path("items")) {
            JsonNode counts = m.path("counts");
            long open = counts.path("planned").asLong() + counts.path("copying").asLong() + counts.path("copied").asLong()
                    + counts.path("verifying").asLong();
            table.row(m.path("id").asText(), m.path("createdAt").asText(""),
                    m.path("source").path("cluster").asText() + "/" + m.path("source").path("pool").asText(),
                    m.path("target").path("cluster").asText() + "/" + m.path("target").path("pool").asText(),
                    counts.path("verified").asLong(), counts.path("failed").asLong(), open,
                    Sizes.human(m.path("bytes").path("total").asLong()));
        }
        print(table.lines());
        out().println(Pages.footer(answer));
        return 0;
    }
}
