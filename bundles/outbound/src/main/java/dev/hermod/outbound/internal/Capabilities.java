package dev.hermod.outbound.internal;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The SMTP service extensions a server announced in its EHLO reply (RFC 5321 §4.1.1.1: one keyword and its
 * parameters per line after the first), or none after HELO.
 *
 * @param ehlo        whether the server answered EHLO (else HELO, with no extensions)
 * @param keywords    the upper-case keywords
 * @param maxSize     the SIZE limit in octets (RFC 1870 §4), 0 for no limit or none announced
 * @param authMechanisms the upper-case SASL mechanisms of AUTH (RFC 4954 §3)
 */
record Capabilities(boolean ehlo, Set<String> keywords, long maxSize, Set<String> authMechanisms) {

    /** What a server that only answers HELO supports. */
    static final Capabilities NONE = new Capabilities(false, Set.of(), 0, Set.of());

    /** Copies. */
    Capabilities {
        keywords = Set.copyOf(keywords);
        authMechanisms = Set.copyOf(authMechanisms);
    }

    /**
     * Reads an EHLO reply.
     *
     * @param reply a 250 reply to EHLO
     * @return the extensions, never {@code null}
     */
    static Capabilities parse(Reply reply) {
        Set<String> keywords = new TreeSet<>();
        Set<String> auth = new TreeSet<>();
        long size = 0;
        for (String line : reply.lines().subList(1, reply.lines().size())) {
            String[] words = line.strip().toUpperCase(Locale.ROOT).split("[ =]+");
            if (words.length == 0 || words[0].isEmpty()) {
                continue;
            }
            keywords.add(words[0]);
            if (words[0].equals("SIZE") && words.length > 1) {
                try {
                    size = Math.max(0, Long.parseLong(words[1]));
                } catch (NumberFormatException e) {
                    size = 0;
                }
            }
            // "AUTH=LOGIN PLAIN" is what some old servers announced before RFC 4954; take it too.
            if (words[0].equals("AUTH")) {
                for (int i = 1; i < words.length; i++) {
                    auth.add(words[i]);
                }
            }
        }
        return new Capabilities(true, keywords, size, auth);
    }

    /** @return whether the keyword was announced, e.g. {@code PIPELINING} */
    boolean has(String keyword) {
        return keywords.contains(keyword);
    }
}
