package dev.hermod.crypto.internal;

import java.util.List;

/** The pages of {@code /crypto}: the form and the outcome of an update. Everything from outside is escaped. */
final class Html {

    private Html() {
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="referrer" content="same-origin">
                <title>%s</title>
                <style>
                body { font-family: sans-serif; max-width: 40em; margin: 2em auto; padding: 0 1em; line-height: 1.4; }
                label { display: block; margin-top: 1em; }
                fieldset { margin-top: 1em; }
                fieldset label { display: inline; margin: 0 1em 0 0.3em; }
                .ok { border-left: 0.4em solid #2a2; padding-left: 1em; }
                .error { border-left: 0.4em solid #c22; padding-left: 1em; }
                button { margin-top: 1.5em; font-size: 1em; }
                </style>
                </head>
                <body>
                %s
                </body>
                </html>
                """.formatted(escape(title), body);
    }

    /** The form; {@code login} and {@code method} are put back after a failure. */
    static String form(String login, String method) {
        return page("Encrypt your stored mail", formBody(login, method));
    }

    private static String formBody(String login, String method) {
        return """
                <h1>Encrypt your stored mail</h1>
                <p>Upload your S/MIME certificate or your PGP public key, and every message delivered to you from now
                on is encrypted with it before it is written to disk: only your mail client, which holds the private
                key, can read it; not even the server's administrator. Keep your private key safe: if it is lost,
                the mail encrypted for it is lost too.</p>
                <form method="post" action="/crypto" enctype="multipart/form-data">
                <label for="login">Login name</label>
                <input id="login" name="login" autocomplete="username" required value="%s">
                <label for="password">Password</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required>
                <fieldset>
                <legend>Encryption method</legend>
                %s                </fieldset>
                <label for="key">Certificate or public key (PEM or DER certificate; binary or ASCII-armored PGP key)</label>
                <input id="key" name="key" type="file">
                <br><button type="submit" id="update">Update</button>
                </form>
                """.formatted(escape(login), radios(method));
    }

    static final java.util.Map<String, String> METHODS = new java.util.LinkedHashMap<>();

    static {
        METHODS.put("smime-aes256", "S/MIME AES-256");
        METHODS.put("smime-aes128", "S/MIME AES-128");
        METHODS.put("pgp-aes256", "PGP AES-256");
        METHODS.put("pgp-aes128", "PGP AES-128");
        METHODS.put("disable", "Disable encryption");
    }

    private static String radios(String selected) {
        String chosen = METHODS.containsKey(selected) ? selected : "smime-aes256";
        StringBuilder b = new StringBuilder();
        METHODS.forEach((value, label) -> b.append("<div><input type=\"radio\" id=\"").append(value)
                .append("\" name=\"method\" value=\"").append(value).append('"')
                .append(value.equals(chosen) ? " checked" : "").append("><label for=\"").append(value).append("\">")
                .append(label).append("</label></div>\n"));
        return b.toString();
    }

    static String enabled(String account, String method, List<String> recipients) {
        StringBuilder list = new StringBuilder();
        for (String r : recipients) {
            list.append("<li>").append(escape(r)).append("</li>\n");
        }
        return page("Encryption is on", """
                <div class="ok" id="result">
                <h1>Encryption is on</h1>
                <p>From now on, mail delivered to <strong>%s</strong> is encrypted with %s for:</p>
                <ul>
                %s</ul>
                <p>Test it: send yourself a message and open it in your mail client, which must hold the private key.
                Mail stored before stays as it was.</p>
                </div>
                <p><a href="/crypto">Back to the form</a></p>
                """.formatted(escape(account), escape(method), list));
    }

    static String disabled(String account, boolean wasOn) {
        return page("Encryption is off", """
                <div class="ok" id="result">
                <h1>Encryption is off</h1>
                <p>%s New mail to <strong>%s</strong> is stored as it arrives. Mail that was stored encrypted stays
                encrypted: keep your private key to read it.</p>
                </div>
                <p><a href="/crypto">Back to the form</a></p>
                """.formatted(wasOn ? "Your key was removed." : "Encryption was not on.", escape(account)));
    }

    static String failed(String title, String message, String login, String method) {
        return page(title, """
                <div class="error" id="result">
                <h1>%s</h1>
                <p>%s</p>
                <p>Nothing was changed.</p>
                </div>
                """.formatted(escape(title), escape(message)) + formBody(login, method));
    }
}
