package dev.glancemigrator.cli.auth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.glancemigrator.cli.http.ServiceProblemException;
import dev.glancemigrator.cli.http.ServiceUnreachableException;
import dev.glancemigrator.keystone.IssuedToken;
import dev.glancemigrator.keystone.KeystoneClient;
import dev.glancemigrator.keystone.KeystoneRefusedException;
import dev.glancemigrator.keystone.KeystoneUnavailableException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The token an {@link OpenStackLogin} stands for: Keystone issues it for credentials, or it was given.
 * Keystone's refusal is reported as a service's error (exit code 1), Keystone's silence as a service's
 * (exit code 3); neither message carries a secret.
 */
public final class OpenStackTokens {

    /** The name errors give Keystone, as they give "planner" and "cutover". */
    public static final String KEYSTONE = "keystone";

    private final Duration connectTimeout;
    private final Duration timeout;

    /** Asking Keystone with these timeouts: for a connection, and for its answer. */
    public OpenStackTokens(Duration connectTimeout, Duration timeout) {
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
    }

    public String token(OpenStackLogin login) {
        if (login instanceof OpenStackLogin.GivenToken given) {
            return given.token();
        }
        return issue((OpenStackLogin.Issue) login).token();
    }

    private IssuedToken issue(OpenStackLogin.Issue issue) {
        String where = "Keystone at " + issue.credentials().identityEndpoint();
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(connectTimeout);
        issue.cacert().ifPresent(bundle -> http.sslContext(Tls.trusting(bundle, issue.cacertName())));
        KeystoneClient keystone = new KeystoneClient(http.build(), timeout);
        try {
            return keystone.issue(issue.credentials());
        } catch (KeystoneRefusedException e) {
            ObjectNode problem = JsonNodeFactory.instance.objectNode();
            problem.put("status", e.status());
            problem.put("title", e.status() == 401 ? "Unauthorized" : "Refused");
            problem.put("detail", where + " refused the credentials of " + issue.origin() + " ("
                    + issue.credentials() + ")");
            throw new ServiceProblemException(KEYSTONE, e.status(), problem);
        } catch (KeystoneUnavailableException e) {
            throw new ServiceUnreachableException(KEYSTONE + ": " + e.getMessage());
        } catch (IOException e) {
            throw new ServiceUnreachableException(KEYSTONE + ": " + where + " answered without a usable token ("
                    + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnreachableException(KEYSTONE + ": interrupted while asking " + where);
        }
    }
}
