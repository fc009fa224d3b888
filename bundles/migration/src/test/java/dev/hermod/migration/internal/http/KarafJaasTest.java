package dev.hermod.migration.internal.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Principal;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.spi.LoginModule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin API's Basic check through JAAS, with a realm that behaves as Karaf's properties realm: users with
 * a password and roles as {@code RolePrincipal}s.
 */
class KarafJaasTest {

    /** Karaf's role principal is recognised by its simple class name. */
    public static final class RolePrincipal implements Principal {
        private final String name;

        RolePrincipal(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }
    }

    /** admin/adminpw has the role admin; viewer/viewerpw has the role viewer. */
    public static final class Users implements LoginModule {
        private Subject subject;
        private CallbackHandler handler;
        private String role;

        @Override
        public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> shared, Map<String, ?> options) {
            this.subject = subject;
            this.handler = handler;
        }

        @Override
        public boolean login() throws javax.security.auth.login.LoginException {
            NameCallback name = new NameCallback("user");
            PasswordCallback password = new PasswordCallback("password", false);
            try {
                handler.handle(new Callback[] {name, password});
            } catch (Exception e) {
                throw new javax.security.auth.login.LoginException(e.toString());
            }
            String pw = new String(password.getPassword());
            role = Map.of("admin", "adminpw", "viewer", "viewerpw").getOrDefault(name.getName(), "\u0000").equals(pw)
                    ? name.getName() : null;
            if (role == null) {
                throw new FailedLoginException("wrong password");
            }
            return true;
        }

        @Override
        public boolean commit() {
            subject.getPrincipals().add(new RolePrincipal(role));
            return true;
        }

        @Override
        public boolean abort() {
            return true;
        }

        @Override
        public boolean logout() {
            subject.getPrincipals().clear();
            return true;
        }
    }

    private Configuration previous;

    @BeforeEach
    void realm() {
        try {
            previous = Configuration.getConfiguration();
        } catch (SecurityException none) {
            previous = null;
        }
        Configuration.setConfiguration(new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return name.equals("karaf") ? new AppConfigurationEntry[] {new AppConfigurationEntry(Users.class.getName(),
                        AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of())} : null;
            }
        });
    }

    @AfterEach
    void restore() {
        Configuration.setConfiguration(previous);
    }

    @Test
    void onlyAUserWithTheAdminRoleOfTheRealmIsAnAdmin() {
        KarafJaas jaas = new KarafJaas("karaf", "admin");
        assertTrue(jaas.isAdmin("admin", "adminpw"));
        assertFalse(jaas.isAdmin("admin", "wrong"));
        assertFalse(jaas.isAdmin("viewer", "viewerpw"), "a user without the role");
        assertFalse(new KarafJaas("other", "admin").isAdmin("admin", "adminpw"), "an unknown realm");
    }
}
