package dev.hermod.managesieve.internal;

import dev.hermod.api.sieve.SieveScripts;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The script commands of RFC 5804 §2.3 to §2.12 over the core's {@link SieveScripts}, with scripts checked
 * by the Sieve bundle's {@link dev.hermod.api.sieve.SieveChecker} before they are stored.
 *
 * <ul>
 *   <li>HAVESPACE name size: {@code NO (QUOTA/MAXSIZE)} past {@link SieveScripts#MAX_SCRIPT_SIZE}.</li>
 *   <li>PUTSCRIPT name script: the script must compile ({@code NO} with the checker's message); replacing
 *       the active script keeps it active.</li>
 *   <li>LISTSCRIPTS: one line per script, the active one marked {@code ACTIVE}.</li>
 *   <li>SETACTIVE name: the empty name deactivates; {@code NO (NONEXISTENT)} for an unknown one.</li>
 *   <li>GETSCRIPT name: the script as a literal, then OK.</li>
 *   <li>DELETESCRIPT name: {@code NO (ACTIVE)} for the active script.</li>
 *   <li>RENAMESCRIPT old new: {@code NO (NONEXISTENT)}, {@code NO (ALREADYEXISTS)}.</li>
 *   <li>CHECKSCRIPT script: checked only, not stored.</li>
 * </ul>
 * Names that {@link SieveScripts} refuses (RFC 5804 §1.6: empty, over 128 characters, control characters)
 * get a plain {@code NO}.
 */
final class ScriptCommands {

    private ScriptCommands() {
    }

    /**
     * @param name the command's name, one of the script commands
     * @param args the arguments after the name
     * @param session an authenticated connection
     * @return the OK line
     */
    static String run(String name, Arguments args, ManageSieveSession session) {
        Listener l = session.listener();
        String account = session.account();
        return switch (name) {
            case "HAVESPACE" -> haveSpace(args);
            case "PUTSCRIPT" -> putScript(args, l, account);
            case "LISTSCRIPTS" -> listScripts(args, session);
            case "SETACTIVE" -> setActive(args, l, account);
            case "GETSCRIPT" -> getScript(args, session);
            case "DELETESCRIPT" -> deleteScript(args, l, account);
            case "RENAMESCRIPT" -> renameScript(args, l, account);
            case "CHECKSCRIPT" -> {
                String script = args.string();
                args.end();
                check(l, "script", script);
                yield ok("Script is valid");
            }
            default -> throw ManageSieveException.no("Unknown command " + name);
        };
    }

    private static String haveSpace(Arguments args) {
        String name = args.string();
        args.space();
        long size = args.number();
        args.end();
        validName(name);
        if (size > SieveScripts.MAX_SCRIPT_SIZE) {
            throw tooLarge();
        }
        return ok("Putscript would succeed");
    }

    private static String putScript(Arguments args, Listener l, String account) {
        String name = args.string();
        args.space();
        String script = args.string();
        args.end();
        validName(name);
        if (script.getBytes(StandardCharsets.UTF_8).length > SieveScripts.MAX_SCRIPT_SIZE) {
            throw tooLarge();
        }
        check(l, name, script);
        try {
            l.scripts().put(account, name, script);
        } catch (IllegalArgumentException e) {
            throw ManageSieveException.no(e.getMessage());
        }
        return ok("Script stored");
    }

    private static String listScripts(Arguments args, ManageSieveSession session) {
        args.end();
        for (SieveScripts.ScriptInfo s : session.listener().scripts().list(session.account())) {
            session.send(Wire.string(s.name()) + (s.active() ? " ACTIVE" : ""));
        }
        return ok("Listscripts completed");
    }

    private static String setActive(Arguments args, Listener l, String account) {
        String name = args.string();
        args.end();
        if (name.isEmpty()) {
            l.scripts().activate(account, null);
            return ok("No script is active");
        }
        try {
            l.scripts().activate(account, name);
        } catch (IllegalArgumentException e) {
            throw nonexistent(name);
        }
        return ok("Script activated");
    }

    private static String getScript(Arguments args, ManageSieveSession session) {
        String name = args.string();
        args.end();
        Optional<String> script = session.listener().scripts().get(session.account(), name);
        if (script.isEmpty()) {
            throw nonexistent(name);
        }
        // RFC 5804 §2.9: the script as a string (a literal here, whatever its text), then CRLF
        byte[] utf8 = script.get().getBytes(StandardCharsets.UTF_8);
        session.send("{" + utf8.length + "}\r\n" + script.get());
        return ok("Getscript completed");
    }

    private static String deleteScript(Arguments args, Listener l, String account) {
        String name = args.string();
        args.end();
        boolean deleted;
        try {
            deleted = l.scripts().delete(account, name);
        } catch (IllegalStateException e) {
            throw ManageSieveException.no("ACTIVE", "Cannot delete the active script; deactivate it first");
        }
        if (!deleted) {
            throw nonexistent(name);
        }
        return ok("Script deleted");
    }

    private static String renameScript(Arguments args, Listener l, String account) {
        String from = args.string();
        args.space();
        String to = args.string();
        args.end();
        validName(to);
        if (l.scripts().get(account, from).isEmpty()) {
            throw nonexistent(from);
        }
        if (l.scripts().get(account, to).isPresent()) {
            throw ManageSieveException.no("ALREADYEXISTS", "A script named " + Wire.printable(to) + " exists");
        }
        try {
            l.scripts().rename(account, from, to);
        } catch (IllegalArgumentException e) {
            // another session changed the scripts in between
            throw ManageSieveException.no(e.getMessage());
        }
        return ok("Script renamed");
    }

    /** Compiles as delivery will; NO with the checker's message (which names the line) if it does not. */
    private static void check(Listener l, String name, String script) {
        Optional<String> error = l.checker().check(name, script);
        if (error.isPresent()) {
            throw ManageSieveException.no(error.get());
        }
    }

    /** RFC 5804 §1.6: 1 to 128 characters, none of them a control character or a line separator. */
    static void validName(String name) {
        if (name.isEmpty() || name.codePointCount(0, name.length()) > 128
                || name.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL
                        || c == 0x2028 || c == 0x2029)) {
            throw ManageSieveException.no("Invalid script name");
        }
    }

    private static ManageSieveException nonexistent(String name) {
        return ManageSieveException.no("NONEXISTENT", "There is no script named " + Wire.printable(name));
    }

    private static ManageSieveException tooLarge() {
        return ManageSieveException.no("QUOTA/MAXSIZE", "Too large: a script may have at most "
                + SieveScripts.MAX_SCRIPT_SIZE + " octets");
    }

    private static String ok(String text) {
        return Wire.response("OK", null, text);
    }
}
