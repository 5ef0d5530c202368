package dev.glancemigrator.planner.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name this planner signs its events with: {@code planner.host}, else the machine's host name. */
@ApplicationScoped
public class PlannerHost {

    private static final String FALLBACK = "planner";

    private final String name;

    public PlannerHost(PlannerConfig config) {
        this.name = config.host().filter(h -> !h.isBlank()).orElseGet(PlannerHost::machineName);
    }

    public String name() {
        return name;
    }

    private static String machineName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return FALLBACK;
        }
    }
}
