package dev.glancemigrator.cutover.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The name this service signs its events with: {@code cutover.host}, else the machine's host name. */
@ApplicationScoped
public class CutoverHost {

    private final String name;

    public CutoverHost(CutoverConfig config) {
        this.name = config.host().filter(h -> !h.isBlank()).orElseGet(CutoverHost::machineName);
    }

    public String name() {
        return name;
    }

    private static String machineName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "cutover";
        }
    }
}
