package dev.hermod.directory.ldap.internal;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.directory.api.ldap.model.entry.Attribute;
import org.apache.directory.api.ldap.model.entry.Entry;
import org.apache.directory.api.ldap.model.entry.Value;
import org.apache.directory.api.ldap.model.filter.AndNode;
import org.apache.directory.api.ldap.model.filter.EqualityNode;
import org.apache.directory.api.ldap.model.filter.ExprNode;
import org.apache.directory.api.ldap.model.filter.FilterParser;
import org.apache.directory.api.ldap.model.filter.NotNode;
import org.apache.directory.api.ldap.model.filter.OrNode;
import org.apache.directory.api.ldap.model.filter.PresenceNode;

/**
 * {@code filter.active}: which entries are active, evaluated by Hermod on the attributes of the entry it has
 * already read, so it costs no extra request and works whatever the server's schema (an absent attribute is
 * simply absent). Supports {@code &}, {@code |}, {@code !}, presence {@code (a=*)} and equality {@code (a=v)},
 * compared without regard to case. The default, {@code (!(pwdAccountLockedTime=*))}, treats an account locked
 * by the password policy overlay (ppolicy) or by an administrator as inactive; e.g.
 * {@code (&(!(pwdAccountLockedTime=*))(!(mailEnabled=FALSE)))} adds a custom switch. Empty: all active.
 */
final class ActiveFilter {

    private final ExprNode root;
    private final Set<String> attributes = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    private ActiveFilter(ExprNode root) {
        this.root = root;
        if (root != null) {
            collect(root);
        }
    }

    /**
     * @param filter the configured filter, may be blank
     * @return the filter
     * @throws IllegalArgumentException if it does not parse or uses other kinds of assertion
     */
    static ActiveFilter of(String filter) {
        if (filter == null || filter.isBlank()) {
            return new ActiveFilter(null);
        }
        try {
            return new ActiveFilter(FilterParser.parse(filter.strip()));
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("directory.ldap filter.active is not an LDAP filter: " + filter + " ("
                    + e.getMessage() + ")", e);
        }
    }

    /** @return the attributes the filter reads, to request with every entry */
    Set<String> attributes() {
        return attributes;
    }

    /**
     * @param entry an entry read with {@link #attributes()}
     * @return whether it is active
     */
    boolean test(Entry entry) {
        return root == null || eval(root, entry);
    }

    private void collect(ExprNode node) {
        if (node instanceof AndNode and) {
            and.getChildren().forEach(this::collect);
        } else if (node instanceof OrNode or) {
            or.getChildren().forEach(this::collect);
        } else if (node instanceof NotNode not) {
            not.getChildren().forEach(this::collect);
        } else if (node instanceof PresenceNode presence) {
            attributes.add(presence.getAttribute());
        } else if (node instanceof EqualityNode<?> equality) {
            attributes.add(equality.getAttribute());
        } else {
            throw new IllegalArgumentException("directory.ldap filter.active may use only &, |, !, (attr=*) and"
                    + " (attr=value), not " + node);
        }
    }

    private static boolean eval(ExprNode node, Entry entry) {
        if (node instanceof AndNode and) {
            return and.getChildren().stream().allMatch(child -> eval(child, entry));
        }
        if (node instanceof OrNode or) {
            return or.getChildren().stream().anyMatch(child -> eval(child, entry));
        }
        if (node instanceof NotNode not) {
            return !eval(not.getFirstChild(), entry);
        }
        if (node instanceof PresenceNode presence) {
            Attribute attribute = entry.get(presence.getAttribute());
            return attribute != null && attribute.size() > 0;
        }
        EqualityNode<?> equality = (EqualityNode<?>) node;
        Attribute attribute = entry.get(equality.getAttribute());
        if (attribute == null) {
            return false;
        }
        String wanted = text(equality.getValue()).toLowerCase(Locale.ROOT);
        for (Value value : attribute) {
            if (text(value).toLowerCase(Locale.ROOT).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    static String text(Value value) {
        if (value.isHumanReadable()) {
            return value.getString();
        }
        byte[] bytes = value.getBytes();
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return root == null ? "" : root.toString();
    }
}
