package dev.hermod.managesieve.internal;

import java.util.Set;

/** The commands of RFC 5804 §2 this server knows. */
final class Commands {

    private static final Set<String> ALL = Set.of("AUTHENTICATE", "STARTTLS", "LOGOUT", "CAPABILITY", "HAVESPACE",
            "PUTSCRIPT", "LISTSCRIPTS", "SETACTIVE", "GETSCRIPT", "DELETESCRIPT", "RENAMESCRIPT", "CHECKSCRIPT", "NOOP",
            "UNAUTHENTICATE");

    private Commands() {
    }

    /**
     * @param name a command name in upper case
     * @return whether it is a command of RFC 5804
     */
    static boolean known(String name) {
        return ALL.contains(name);
    }
}
