package dev.hermod.outbound.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
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
 * The TLS client configurations: one that accepts any certificate, for opportunistic TLS (RFC 7435 §1.3:
 * encryption without authentication still defeats passive monitoring, and refusing an unverifiable certificate
 * would only push the session back to plain text), one that verifies the chain against trusted certificates —
 * the JDK's, or those of a PEM file — for required TLS, and, per session, an {@link Audit} that verifies like the
 * second but only records a failure, for MTA-STS policies in mode {@code testing} (RFC 8461 §5).
 */
final class TlsContexts {

    private final SSLSocketFactory trustAll;
    private final SSLSocketFactory verifying;
    private final X509ExtendedTrustManager verifier;

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
            verifier = trustManager(trustFile, "tls.trust.file");
            SSLContext strict = SSLContext.getInstance("TLS");
            strict.init(null, new TrustManager[] {verifier}, null);
            verifying = strict.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM: " + e.getMessage(), e);
        }
    }

    /**
     * A verifying socket factory, as used for required TLS, for other connections (the MTA-STS policy fetch).
     *
     * @param trustFile PEM certificates to trust instead of the JDK's trust store, or {@code null}
     * @param key       the configuration key that named the file, for messages
     * @return a factory whose sockets check the chain (the caller sets the endpoint identification)
     * @throws IllegalArgumentException if the file cannot be read or holds no certificate
     */
    static SSLSocketFactory verifying(Path trustFile, String key) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager(trustFile, key)}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM: " + e.getMessage(), e);
        }
    }

    private static X509ExtendedTrustManager trustManager(Path trustFile, String key) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trustFile == null ? null : keyStore(trustFile, key));
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X509ExtendedTrustManager from " + tmf.getAlgorithm());
    }

    /** @return the factory for {@code verify}: verifying or accepting every certificate */
    SSLSocketFactory factory(boolean verify) {
        return verify ? verifying : trustAll;
    }

    /**
     * Starts an audit for one session: a socket factory that accepts every certificate, as opportunistic TLS
     * does, but first checks it as verified TLS would (chain and, when the socket asks for endpoint
     * identification, the host name) and keeps the reason it would have been refused.
     *
     * @return a new audit, for one handshake
     */
    Audit audit() {
        return new Audit(verifier);
    }

    /** The check of one handshake for a policy in mode {@code testing}: see {@link #audit()}. */
    static final class Audit {

        private final SSLSocketFactory factory;
        private volatile String failure;

        private Audit(X509ExtendedTrustManager verifier) {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {new Auditing(verifier, this)}, null);
                factory = context.getSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("TLS is not available in this JVM: " + e.getMessage(), e);
            }
        }

        /** @return the factory for the one handshake */
        SSLSocketFactory factory() {
            return factory;
        }

        /** @return why verified TLS would have refused the certificate, or {@code null} if it would not have */
        String failure() {
            return failure;
        }
    }

    /** Delegates to the verifying trust manager, records its refusal and accepts anyway. */
    private static final class Auditing extends X509ExtendedTrustManager {

        private final X509ExtendedTrustManager verifier;
        private final Audit audit;

        Auditing(X509ExtendedTrustManager verifier, Audit audit) {
            this.verifier = verifier;
            this.audit = audit;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            try {
                verifier.checkServerTrusted(chain, authType);
            } catch (CertificateException e) {
                audit.failure = HostFailure.oneLine(e.getMessage());
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            try {
                verifier.checkServerTrusted(chain, authType, socket);
            } catch (CertificateException e) {
                audit.failure = HostFailure.oneLine(e.getMessage());
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            try {
                verifier.checkServerTrusted(chain, authType, engine);
            } catch (CertificateException e) {
                audit.failure = HostFailure.oneLine(e.getMessage());
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private static KeyStore keyStore(Path file, String key) throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(file)) {
            store.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("trusted-" + i++, c);
            }
            if (i == 0) {
                throw new IllegalArgumentException(key + " " + file + " holds no PEM certificate");
            }
            return store;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + key + " " + file + ": " + e.getMessage(), e);
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
