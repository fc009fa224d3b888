package dev.hermod.directory.ldap.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Which server certificates to trust: those issued by the CAs of {@code truststore.path} (a PEM file, or a key
 * store of {@code truststore.type}), else the JDK's; and the host of {@code url} must be named by the server's
 * certificate (RFC 4513 §3.1.3, RFC 6125 §6): an IP address by an IP address entry of its subjectAltName, a host
 * name by a DNS entry (a {@code *} only as the whole left-most label), or by its CN when it has no DNS entry.
 * The host is checked here, against the configured name, because MINA hands the TLS engine the peer's address
 * as it finds it (for StartTLS, by a reverse lookup), not the name that was configured. {@code trust.all}
 * trusts every certificate and host (tests only).
 */
final class TlsTrust {

    private TlsTrust() {
    }

    static TrustManager[] trustManagers(LdapSettings s) {
        if (s.trustAll()) {
            return new TrustManager[] {new TrustAll()};
        }
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(s.truststorePath().isEmpty() ? null : load(s));
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return new TrustManager[] {new HostChecking(x509, s.host())};
                }
            }
            throw new IllegalStateException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("directory.ldap truststore.path " + s.truststorePath() + " is unusable: "
                    + e.getMessage(), e);
        }
    }

    private static KeyStore load(LdapSettings s) throws GeneralSecurityException {
        Path path = Path.of(s.truststorePath());
        try {
            byte[] bytes = Files.readAllBytes(path);
            if (new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN CERTIFICATE-----")) {
                Collection<? extends Certificate> certificates;
                try (InputStream in = Files.newInputStream(path)) {
                    certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
                }
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (Certificate certificate : certificates) {
                    store.setCertificateEntry("ca-" + i++, certificate);
                }
                if (i == 0) {
                    throw new IllegalArgumentException("directory.ldap truststore.path " + path + " holds no certificate");
                }
                return store;
            }
            KeyStore store = KeyStore.getInstance(s.truststoreType());
            try (InputStream in = Files.newInputStream(path)) {
                store.load(in, s.truststorePassword().isEmpty() ? null : s.truststorePassword().toCharArray());
            }
            return store;
        } catch (IOException e) {
            throw new IllegalArgumentException("directory.ldap truststore.path " + path + " cannot be read: " + e, e);
        }
    }

    /** Whether a server certificate names {@code host} (RFC 6125 §6.4, §6.2). */
    static boolean names(X509Certificate certificate, String host) {
        String wanted = host.toLowerCase(Locale.ROOT);
        byte[] ip = ipLiteral(wanted);
        boolean hasDns = false;
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    int type = (Integer) name.get(0);
                    String value = String.valueOf(name.get(1)).toLowerCase(Locale.ROOT);
                    if (type == 2) {
                        hasDns = true;
                        if (ip == null && dnsMatches(value, wanted)) {
                            return true;
                        }
                    } else if (type == 7 && ip != null && Arrays.equals(ip, ipLiteral(value))) {
                        return true;
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return false;
        }
        if (ip != null || hasDns) {
            return false;
        }
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN") && dnsMatches(String.valueOf(rdn.getValue())
                        .toLowerCase(Locale.ROOT), wanted)) {
                    return true;
                }
            }
        } catch (InvalidNameException e) {
            return false;
        }
        return false;
    }

    private static boolean dnsMatches(String pattern, String host) {
        String p = pattern.endsWith(".") ? pattern.substring(0, pattern.length() - 1) : pattern;
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && p.substring(1).equals(h.substring(dot)) && p.indexOf('.', 2) > 0;
        }
        return p.equals(h);
    }

    /** The address of an IPv4 or IPv6 literal, or {@code null} for a host name (never a DNS lookup). */
    private static byte[] ipLiteral(String s) {
        String v = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        boolean ipv4 = v.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean ipv6 = v.indexOf(':') >= 0 && v.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            return InetAddress.getByName(v).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** The JDK's chain validation, then the host check against the configured name. */
    private static final class HostChecking extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;
        private final String host;

        HostChecking(X509ExtendedTrustManager delegate, String host) {
            this.delegate = delegate;
            this.host = host;
        }

        private void checkHost(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0 || !names(chain[0], host)) {
                throw new CertificateException("the LDAP server's certificate does not name " + host
                        + " (directory.ldap url): " + (chain == null || chain.length == 0 ? "no certificate"
                        : chain[0].getSubjectX500Principal()));
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
            checkHost(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, socket);
            checkHost(chain);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, engine);
            checkHost(chain);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    /** {@code trust.all}: no certificate or host name check. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
