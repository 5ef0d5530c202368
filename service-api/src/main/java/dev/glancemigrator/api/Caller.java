package dev.glancemigrator.api;

import dev.glancemigrator.events.Actor;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * Who made the current request, as {@link ApiAuthenticationFilter} authenticated it. Empty for a request
 * that needed no credentials (an open management path under {@code /q}, or a
 * read a service leaves open).
 */
@RequestScoped
public class Caller {

    private Actor actor;

    void authenticated(Actor actor) {
        this.actor = actor;
    }

    public Optional<Actor> actor() {
        return Optional.ofNullable(actor);
    }

    /**
     * The caller of a request that had to authenticate (every change does).
     *
     * @throws IllegalStateException when the request was not authenticated: a resource outside the guard
     */
    public Actor required() {
        if (actor == null) {
            throw new IllegalStateException("this request was not authenticated");
        }
        return actor;
    }
}
