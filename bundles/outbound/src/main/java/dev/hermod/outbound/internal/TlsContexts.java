package dev.hermod.outbound.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The two TLS client configurations: one that accepts any certificate, for opportunistic TLS (RFC 7435 §1.3:
 * encryption without authentication still defeats passive monitoring, and refusing an unverifiable certificate
 * would only push the session back to plain text), and one that verifies the chain against trusted certificates —
 * the JDK's, or those of a PEM file — for required TLS.
 */
final class TlsContexts {

    private final SSLSocketFactory trustAll;
    private final SSLSocketFactory verifying;

    /**
     * @param trustFile a PEM file of the certificates to trust for verified TLS instead of the JDK's trust store,
     *                  or {@code null}
     * @throws IllegalArgumentException if the file cannot be read or holds no certificate
     */
    TlsContexts(Path trustFile) {
        try {
            SSLContext open = SSLContext.getInstance("TLS");
            open.init(null, new TrustManager[] {new TrustAll()}, null);
            trustAll = open.getSocketFactory();
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustFile == null ? null : keyStore(trustFile));
            SSLContext strict = SSLContext.getInstance("TLS");
            strict.init(null, tmf.getTrustManagers(), null);
            verifying = strict.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /** @return the factory for {@code verify}: verifying or accepting every certificate */
    SSLSocketFactory factory(boolean verify) {
        return verify ? verifying : trustAll;
    }

    private static KeyStore keyStore(Path file) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(file)) {
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("trusted-" + i++, c);
            }
            if (i == 0) {
                throw new IllegalArgumentException("tls.trust.file " + file + " holds no PEM certificate");
            }
            return store;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read tls.trust.file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Accepts every server certificate; used only where RFC 7435 allows it. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // opportunistic TLS: any certificate
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // opportunistic TLS: any certificate
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // opportunistic TLS: any certificate
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
