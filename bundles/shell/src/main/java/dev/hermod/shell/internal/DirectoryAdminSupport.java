package dev.hermod.shell.internal;

import dev.hermod.api.directory.DirectoryAdmin;
import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.TemporaryFailureException;
import java.io.IOException;
import java.util.Locale;
import org.apache.karaf.shell.api.console.Session;

/** What the directory commands share: the missing-service message, errors, addresses, sizes, prompts. */
final class DirectoryAdminSupport {

    private DirectoryAdminSupport() {}

    /** A change or query of the directory, which may throw what {@link DirectoryAdmin} documents. */
    @FunctionalInterface
    interface Call {
        void run();
    }

    /** Whether there is no DirectoryAdmin; if so, says why on standard error. */
    static boolean missing(DirectoryAdmin admin) {
        if (admin == null) {
            System.err.println("No directory that Hermod can change is running: install the SQL directory"
                    + " (feature:install hermod-directory-sql). A directory whose database does not have Hermod's"
                    + " sample schema, or an LDAP directory, is changed with its own tools.");
            return true;
        }
        return false;
    }

    /**
     * Runs a call and prints {@code done} if it succeeds, or the reason it failed prefixed by the command's
     * name.
     */
    static void run(String command, Call call, String done) {
        try {
            call.run();
            if (done != null) {
                System.out.println(done);
            }
        } catch (IllegalArgumentException e) {
            System.err.println(command + ": " + e.getMessage() + ". Nothing was changed.");
        } catch (TemporaryFailureException e) {
            System.err.println(command + ": " + e.getMessage() + ". Try again once the database answers.");
        } catch (RuntimeException e) {
            System.err.println(command + " failed: " + e);
        }
    }

    /** Parses an address or throws {@link IllegalArgumentException} saying what is wrong. */
    static Address address(String text) {
        try {
            return Address.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an email address (" + e.getMessage() + ")", e);
        }
    }

    /** A size in bytes: a number, optionally followed by K, M, G or T (powers of 1024); 0 is unlimited. */
    static long size(String text) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        String t = text.strip().toUpperCase(Locale.ROOT);
        long unit = 1;
        char last = t.charAt(t.length() - 1);
        int shift = "KMGT".indexOf(last);
        if (shift >= 0) {
            unit = 1L << (10 * (shift + 1));
            t = t.substring(0, t.length() - 1).strip();
        }
        try {
            long n = Long.parseLong(t);
            if (n < 0 || n > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return n * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("quota '" + text + "' is not a size such as 500M, 2G or 0 (unlimited)", e);
        }
    }

    /** A size for people: 0 is "unlimited". */
    static String size(long bytes) {
        if (bytes <= 0) {
            return "unlimited";
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        double v = bytes;
        while (v >= 1024 && u < units.length - 1 && (long) v % 1024 == 0) {
            v /= 1024;
            u++;
        }
        return (long) v + " " + units[u];
    }

    /**
     * Asks for a new password twice without echoing it.
     *
     * @return the password, or {@code null} after saying why there is none
     */
    static String promptNewPassword(String command, Session session, String name) {
        if (session == null) {
            System.err.println(command + ": no terminal to ask for the password; give --password.");
            return null;
        }
        try {
            String first = session.readLine("New password for " + name + ": ", '*');
            if (first == null || first.isEmpty()) {
                System.err.println(command + ": no password given. Nothing was changed.");
                return null;
            }
            String second = session.readLine("Repeat the password: ", '*');
            if (!first.equals(second)) {
                System.err.println(command + ": the two passwords differ. Nothing was changed.");
                return null;
            }
            return first;
        } catch (IOException e) {
            System.err.println(command + ": cannot read the password (" + e.getMessage() + "); give --password.");
            return null;
        }
    }
}
