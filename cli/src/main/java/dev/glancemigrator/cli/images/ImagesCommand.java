package dev.glancemigrator.cli.images;

import com.fasterxml.jackson.databind.JsonNode;
import dev.glancemigrator.cli.ServiceCommand;
import dev.glancemigrator.cli.http.ServiceClient;
import dev.glancemigrator.cli.render.Sizes;
import dev.glancemigrator.cli.render.Table;
import dev.glancemigrator.cli.render.Table.Column;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code images [MIGRATION] [--state S]}: the migration's images, largest first, a page or all of them. */
@Command(name = "images", description = "List a migration's images, largest first (one page, or --all).")
public class ImagesCommand extends ServiceCommand {

    static final int REASON_LIMIT = 60;

    @Parameters(arity = "0..1", paramLabel = "MIGRATION", description = "migration id (default: the newest)")
    String migration;

    @Option(names = "--state", paramLabel = "STATE",
            description = "only images in this state: planned, copying, copied, verifying, verified, failed, skipped, out_of_scope")
    String state;

    @Option(names = "--page", defaultValue = "0", description = "page number, from 0")
    int page;

    @Option(names = "--size", defaultValue = "50", description = "images per page")
    int size;

    @Option(names = "--all", description = "every page (JSON: one page object holding every item)")
    boolean all;

    @Override
    public Integer call() {
        String path = "/migrations/" + segment(migration(migration)) + "/images";
        JsonNode answer = all
                ? allPages(root.planner(), path, "state", state)
                : root.planner().get(path, ServiceClient.query("state", state, "page", Integer.toString(page),
                        "size", Integer.toString(size)));
        if (json()) {
            printJson(answer);
            return 0;
        }
        Table table = new Table(Column.left("IMAGE"), Column.left("NAME", 30), Column.right("SIZE"),
                Column.left("STATE"), Column.right("ATTEMPT"), Column.left("COPIED BY"), Column.left("VERIFIED BY"),
                Column.left("REASON", REASON_LIMIT));
        for (JsonNode image : answer.path("items")) {
            String reason = image.hasNonNull("reason") ? image.get("reason").asText()
                    : image.path("lastFailure").asText(null);
            table.row(image.path("imageId").asText(), image.path("name").asText(""),
                    Sizes.human(image.path("sizeBytes").asLong()), image.path("state").asText(),
                    image.path("attempt").asInt(), image.path("copyHost").asText(null),
                    image.path("verifyHost").asText(null), reason == null ? "" : reason);
        }
        print(table.lines());
        out().println(Pages.footer(answer));
        return 0;
    }
}
