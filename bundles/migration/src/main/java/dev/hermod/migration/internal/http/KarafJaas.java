package dev.hermod.migration.internal.http;

import java.security.Principal;
import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

/** Logs in to a JAAS realm (Karaf's {@code karaf} realm of {@code etc/users.properties}) and checks a role. */
final class KarafJaas implements AdminAuth.PasswordCheck {

    private final String realm;
    private final String role;

    KarafJaas(String realm, String role) {
        this.realm = realm;
        this.role = role;
    }

    @Override
    public boolean isAdmin(String user, String password) {
        Subject subject = new Subject();
        try {
            LoginContext login = new LoginContext(realm, subject, callbacks -> {
                for (var c : callbacks) {
                    if (c instanceof NameCallback n) {
                        n.setName(user);
                    } else if (c instanceof PasswordCallback p) {
                        p.setPassword(password.toCharArray());
                    } else {
                        throw new UnsupportedCallbackException(c);
                    }
                }
            });
            login.login();
            try {
                for (Principal p : subject.getPrincipals()) {
                    // Karaf's RolePrincipal; compared by name so that this bundle needs none of Karaf's packages
                    if (p.getClass().getSimpleName().equals("RolePrincipal") && p.getName().equals(role)) {
                        return true;
                    }
                }
                return false;
            } finally {
                login.logout();
            }
        } catch (LoginException | SecurityException e) {
            return false;
        }
    }
}
