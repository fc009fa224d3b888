package dev.hermod.itests;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import javax.security.auth.Subject;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;

/** Runs Karaf shell commands inside the container as the admin user, and captures what they print. */
public final class KarafShell {

    private final SessionFactory sessions;

    public KarafShell(SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Runs a command with the admin roles, as an admin logged in over SSH would; returns its output. */
    public String execute(String command) throws Exception {
        Subject admin = new Subject();
        for (String role : new String[] {"admin", "manager", "viewer", "systembundles", "ssh"}) {
            admin.getPrincipals().add(new RolePrincipal(role));
        }
        admin.getPrincipals().add(new UserPrincipal("admin"));
        try {
            return Subject.doAs(admin, (PrivilegedExceptionAction<String>) () -> run(command));
        } catch (PrivilegedActionException e) {
            throw e.getException();
        }
    }

    /**
     * Runs a command until its output contains the text, for up to {@code seconds}; returns the last output.
     * While the runtime is still booting a command may not exist yet: that counts as no output.
     */
    public String awaitOutput(String command, String expected, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String output = tryExecute(command);
        while (!output.contains(expected)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("'" + command + "' never printed '" + expected + "'; last output:\n" + output);
            }
            Thread.sleep(200);
            output = tryExecute(command);
        }
        return output;
    }

    /**
     * Waits until a harmless command runs without "command not found", e.g. {@code feature:list} before
     * using {@code feature:install}, while boot features still install.
     */
    public void awaitCommand(String harmlessCommand, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (true) {
            try {
                execute(harmlessCommand);
                return;
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("'" + harmlessCommand + "' still fails after " + seconds + " s: " + e, e);
                }
                Thread.sleep(200);
            }
        }
    }

    private String tryExecute(String command) {
        try {
            return execute(command);
        } catch (Exception e) {
            return e.toString();
        }
    }

    private String run(String command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Session session = sessions.create(new ByteArrayInputStream(new byte[0]), out, out);
        try {
            Object result = session.execute(command);
            if (result != null) {
                out.println(result);
            }
        } finally {
            session.close();
        }
        out.flush();
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
