package dev.glancemigrator.cli.auth;

import dev.glancemigrator.cli.config.ConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS that trusts the CAs of a PEM bundle ({@code cacert} / {@code OS_CACERT}), as the openstack CLI does. */
final class Tls {

    private Tls() {
    }

    /** An SSL context trusting exactly the certificates in {@code bundle}; {@code name} says where it was set. */
    static SSLContext trusting(Path bundle, String name) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(bundle)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("cannot read the CA bundle " + bundle + " (" + name + "): "
                    + e.getClass().getSimpleName());
        }
        if (certificates.isEmpty()) {
            throw new ConfigException("the CA bundle " + bundle + " (" + name + ") holds no certificate");
        }
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's TLS cannot be set up", e);
        }
    }
}
