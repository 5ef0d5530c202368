package dev.glancemigrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glancemigrator.cli.http.ServiceClient;
import dev.glancemigrator.cli.http.ServiceProblemException;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/** What every subcommand shares: the services, the output, and the migration it is about. */
public abstract class ServiceCommand implements Callable<Integer> {

    /** Items per page when the CLI reads a whole list (the planner's default maximum). */
    protected static final int READ_ALL_PAGE_SIZE = 200;

    @ParentCommand
    protected GlanceMigratorCommand root;

    protected PrintStream out() {
        return root.out();
    }

    protected boolean json() {
        return root.jsonOutput();
    }

    protected void printJson(JsonNode node) {
        try {
            out().println(root.json().writeValueAsString(node));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that does not print", e);
        }
    }

    protected void print(List<String> lines) {
        lines.forEach(out()::println);
    }

    /** The migration given, else the newest one the planner lists. */
    protected String migration(String given) {
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        JsonNode first = root.planner().get("/migrations", ServiceClient.query("page", "0", "size", "1"));
        JsonNode items = first.path("items");
        if (!items.isArray() || items.isEmpty()) {
            ObjectNode problem = root.json().createObjectNode();
            problem.put("status", 404);
            problem.put("detail", "no migration yet: plan one with `glance-migrator plan`");
            throw new ServiceProblemException(root.planner().service(), 404, problem);
        }
        return items.get(0).path("id").asText();
    }

    /** A path segment from user input (an id), escaped so it cannot reach another path. */
    protected static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Every item of a paged list, page by page; as one page object holding them all. */
    protected JsonNode allPages(ServiceClient client, String path, String... query) {
        ArrayNode items = root.json().createArrayNode();
        long total = 0;
        for (int page = 0; ; page++) {
            String[] params = new String[query.length + 4];
            System.arraycopy(query, 0, params, 0, query.length);
            params[query.length] = "page";
            params[query.length + 1] = Integer.toString(page);
            params[query.length + 2] = "size";
            params[query.length + 3] = Integer.toString(READ_ALL_PAGE_SIZE);
            JsonNode answer = client.get(path, ServiceClient.query(params));
            total = answer.path("total").asLong();
            answer.path("items").forEach(items::add);
            if (answer.path("items").size() < READ_ALL_PAGE_SIZE || items.size() >= total) {
                break;
            }
        }
        ObjectNode all = root.json().createObjectNode();
        all.put("page", 0);
        all.put("size", items.size());
        all.put("total", total);
        all.set("items", items);
        return all;
    }
}
