package dev.hermod.crypto.internal;

import dev.hermod.api.auth.AuthStep;
import dev.hermod.api.auth.Authenticator;
import dev.hermod.api.auth.ClientInfo;
import dev.hermod.api.crypto.EncryptionKeys;
import dev.hermod.api.crypto.KeyKind;
import dev.hermod.api.http.FormData;
import dev.hermod.api.http.HttpException;
import dev.hermod.api.http.HttpHandler;
import dev.hermod.api.http.HttpRequest;
import dev.hermod.api.http.HttpResponse;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /crypto}: the form where a user uploads the certificate or public key their mail is encrypted with,
 * or turns encryption off. Needs the user's own password with every update; never cached; refuses posts from
 * other sites (their {@code Origin}, {@code Referer} or {@code Sec-Fetch-Site} gives them away) and being framed.
 */
final class CryptoPage implements HttpHandler {

    static final String PATH = "/crypto";
    /** The form's body: the key (at most 1 MB) and the fields; larger ones are answered by the form too. */
    static final long MAX_BODY = 12L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(CryptoPage.class);

    private final Authenticator authenticator;
    private final EncryptionKeys keys;
    private final Clock clock;

    CryptoPage(Authenticator authenticator, EncryptionKeys keys, Clock clock) {
        this.authenticator = authenticator;
        this.keys = keys;
        this.clock = clock;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        if (!request.subPath().isEmpty() && !request.subPath().equals("/")) {
            throw HttpException.notFound("There is no page " + request.path() + "; the form is at /crypto.");
        }
        return switch (request.method()) {
            case "GET", "HEAD" -> page(200, Html.form("", ""));
            case "POST" -> post(request);
            default -> throw HttpException.methodNotAllowed("GET", "POST");
        };
    }

    private HttpResponse post(HttpRequest request) {
        Optional<String> crossSite = crossSite(request);
        if (crossSite.isPresent()) {
            LOG.warn("/crypto: refused a post from {} ({})", request.remoteAddress().getAddress().getHostAddress(),
                    crossSite.get());
            return page(403, Html.failed("Refused", "This form can only be sent from its own page on this server ("
                    + crossSite.get() + "). Open " + request.baseUri() + PATH + " and send it from there.", "", ""));
        }
        FormData form = request.form();
        String login = form.field("login").orElse("").strip();
        String password = form.field("password").orElse("");
        String method = form.field("method").orElse("").strip().toLowerCase(Locale.ROOT);
        if (login.isEmpty() || password.isEmpty()) {
            return page(400, Html.failed("Login needed", "Enter your login name and your password.", login, method));
        }
        ClientInfo client = new ClientInfo(request.remoteAddress().getAddress(), "http", request.secure());
        AuthStep step = authenticator.login(login, password, client);
        if (!(step instanceof AuthStep.Success success)) {
            AuthStep.Failure f = (AuthStep.Failure) step;
            return switch (f.reason()) {
                case TOO_MANY_FAILURES -> page(429, Html.failed("Too many failed logins",
                        "Too many failed logins; wait a few minutes and try again.", login, method));
                case ENCRYPTION_REQUIRED -> page(403, Html.failed("HTTPS needed",
                        "Passwords are not accepted over plain HTTP here; open this page over HTTPS.", login, method));
                case TEMPORARY_FAILURE -> page(503, Html.failed("Try again later",
                        "Your login cannot be checked now; try again in a few minutes.", login, method));
                default -> page(403, Html.failed("Login failed", "The login name or the password is wrong.", login, method));
            };
        }
        String account = success.principal().name();
        if (method.equals("disable")) {
            boolean wasOn = keys.remove(account);
            LOG.info("/crypto: {} turned encryption at rest off", account);
            return page(200, Html.disabled(account, wasOn));
        }
        KeyKind kind;
        int bits;
        switch (method) {
            case "smime-aes256" -> { kind = KeyKind.SMIME; bits = 256; }
            case "smime-aes128" -> { kind = KeyKind.SMIME; bits = 128; }
            case "pgp-aes256" -> { kind = KeyKind.PGP; bits = 256; }
            case "pgp-aes128" -> { kind = KeyKind.PGP; bits = 128; }
            default -> {
                return page(400, Html.failed("Choose a method", "Choose an encryption method, or Disable encryption.",
                        login, method));
            }
        }
        byte[] upload = form.file("key").map(FormData.FormFile::content).orElse(new byte[0]);
        KeyUpload.Accepted accepted;
        try {
            accepted = KeyUpload.check(kind, bits, upload, clock.instant());
        } catch (UploadRejected e) {
            LOG.info("/crypto: upload of {} refused: {}", account, e.getMessage());
            return page(400, Html.failed("Key not accepted", e.getMessage(), login, method));
        }
        keys.put(account, accepted.key());
        String label = (kind == KeyKind.PGP ? "PGP" : "S/MIME") + " (AES-" + bits + ")";
        LOG.info("/crypto: {} turned encryption at rest on: {} for {}", account, label, accepted.recipients());
        return page(200, Html.enabled(account, label, accepted.recipients()));
    }

    /** Why a post comes from another site, or empty when it comes from this form (or from a non-browser client). */
    static Optional<String> crossSite(HttpRequest request) {
        String site = request.header("Sec-Fetch-Site").orElse("").strip().toLowerCase(Locale.ROOT);
        if (site.equals("cross-site") || site.equals("same-site")) {
            return Optional.of("Sec-Fetch-Site: " + site);
        }
        String self = origin(request.baseUri());
        Optional<String> origin = request.header("Origin").map(String::strip);
        if (origin.isPresent()) {
            // RFC 6454 §7.3: "null" is sent for privacy-sensitive contexts; it is not this page.
            return origin.get().equalsIgnoreCase(self) ? Optional.empty() : Optional.of("Origin: " + origin.get());
        }
        Optional<String> referer = request.header("Referer").map(String::strip);
        if (referer.isPresent()) {
            try {
                String from = origin(URI.create(referer.get()));
                return from.equalsIgnoreCase(self) ? Optional.empty() : Optional.of("Referer from " + from);
            } catch (IllegalArgumentException e) {
                return Optional.of("malformed Referer");
            }
        }
        return Optional.empty();
    }

    /** scheme://host[:port] with the default port left out (RFC 6454 §6.1). */
    private static String origin(URI uri) {
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return scheme + "://" + String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static HttpResponse page(int status, String html) {
        return HttpResponse.status(status)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "same-origin")
                .header("Content-Security-Policy",
                        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
                .html(html);
    }
}
