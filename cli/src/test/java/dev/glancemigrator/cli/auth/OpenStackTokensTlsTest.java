package dev.glancemigrator.cli.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.glancemigrator.cli.config.ConfigException;
import dev.glancemigrator.cli.http.ServiceUnreachableException;
import dev.glancemigrator.keystone.KeystoneCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An HTTPS Keystone whose certificate only {@code cacert} vouches for (made with the JDK's keytool). */
class OpenStackTokensTlsTest {

    @TempDir
    static Path dir;

    private static HttpsServer server;
    private static Path caBundle;

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
    }

    @BeforeAll
    static void start() throws Exception {
        Path store = dir.resolve("keystone.p12");
        keytool("-genkeypair", "-alias", "keystone", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext",
                "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit");
        caBundle = dir.resolve("ca.pem");
        keytool("-exportcert", "-rfc", "-alias", "keystone", "-keystore", store.toString(), "-storepass", "changeit",
                "-file", caBundle.toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/v3/auth/tokens", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"token\":{\"user\":{\"id\":\"u\",\"name\":\"operator\"},\"roles\":[]}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("X-Subject-Token", "tls-token");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private OpenStackLogin.Issue login(Optional<Path> cacert) {
        URI url = URI.create("https://127.0.0.1:" + server.getAddress().getPort());
        return new OpenStackLogin.Issue("cloud 'tls'", new KeystoneCredentials.Password(url, "operator", null, "pw",
                "ops", null), cacert, "OS_CACERT");
    }

    @Test
    void theCaBundleVouchesForKeystonesCertificate() {
        OpenStackTokens tokens = new OpenStackTokens(Duration.ofSeconds(2), Duration.ofSeconds(5));

        assertEquals("tls-token", tokens.token(login(Optional.of(caBundle))));
        ServiceUnreachableException untrusted = assertThrows(ServiceUnreachableException.class,
                () -> tokens.token(login(Optional.empty())));
        assertTrue(untrusted.getMessage().startsWith("keystone: "), untrusted.getMessage());
    }

    @Test
    void aCaBundleThatIsNotOneIsAConfigurationErrorNamingWhereItWasSet() throws IOException {
        Path notPem = Files.writeString(dir.resolve("not.pem"), "nothing here");

        ConfigException e = assertThrows(ConfigException.class,
                () -> new OpenStackTokens(Duration.ofSeconds(2), Duration.ofSeconds(5)).token(login(Optional.of(notPem))));

        assertTrue(e.getMessage().contains(notPem + " (OS_CACERT)"), e.getMessage());
    }
}
