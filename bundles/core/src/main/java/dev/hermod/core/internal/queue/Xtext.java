package dev.hermod.core.internal.queue;

/** Decodes xtext (RFC 3461 §4): {@code +XX} is the octet with that hex value; the rest is literal. */
final class Xtext {

    private Xtext() {
    }

    static String decode(String xtext) {
        StringBuilder out = new StringBuilder(xtext.length());
        for (int i = 0; i < xtext.length(); i++) {
            char c = xtext.charAt(i);
            if (c == '+' && i + 2 < xtext.length() && isHex(xtext.charAt(i + 1)) && isHex(xtext.charAt(i + 2))) {
                out.append((char) Integer.parseInt(xtext.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        // A field value is one line: nothing that could end it early.
        return out.toString().replaceAll("[\\r\\n]", " ");
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
