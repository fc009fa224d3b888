package dev.hermod.shell.internal;

import dev.hermod.api.crypto.DkimKeyAdmin;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

/** {@code hermod:dkim-create}: a DKIM signing key for a sending domain, and the DNS record to publish. */
@Service
@Command(scope = "hermod", name = "dkim-create",
        description = "Creates a DKIM signing key for a sending domain, stores its private key with the signer and prints the DNS TXT record to publish.")
public final class DkimCreateCommand implements Action {

    @Reference(optional = true)
    DkimKeyAdmin keys;

    @Argument(index = 0, name = "domain", required = true, description = "The sending domain (of From addresses), e.g. example.com")
    String domain;

    @Option(name = "--selector", description = "The selector, one DNS label such as mail2026; default: the algorithm and the month, e.g. rsa202611")
    String selector;

    @Option(name = "--algorithm", description = "rsa (2048 bits, the default, verified everywhere) or ed25519 (RFC 8463; add it beside an RSA key)")
    String algorithm;

    @Override
    public Object execute() {
        if (DkimSupport.missing(keys)) {
            return null;
        }
        List<DkimSupport.Key> before = list();
        String record;
        try {
            record = keys.create(domain, selector, algorithm);
        } catch (IllegalArgumentException e) {
            System.err.println("dkim-create: " + e.getMessage() + ". Nothing was changed.");
            return null;
        } catch (IOException | RuntimeException e) {
            System.err.println("dkim-create failed: " + e.getMessage() + ". Check that the key directory is writable.");
            return null;
        }
        String newSelector = record.substring(0, record.indexOf("._domainkey."));
        String newDomain = record.substring(newSelector.length() + "._domainkey.".length(), record.indexOf(' '));
        DkimSupport.Key created = list().stream()
                .filter(k -> k.domain().equals(newDomain) && k.selector().equals(newSelector)).findFirst().orElse(null);
        List<String> previous = new ArrayList<>();
        for (DkimSupport.Key k : before) {
            if (k.domain().equals(newDomain) && k.inUse() && created != null
                    && k.algorithm().regionMatches(0, created.algorithm(), 0, 3)) {
                previous.add(k.selector());
            }
        }
        System.out.print(DkimSupport.created(record, created, previous));
        return null;
    }

    private List<DkimSupport.Key> list() {
        try {
            return keys.list().stream().map(DkimSupport.Key::parse).toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
