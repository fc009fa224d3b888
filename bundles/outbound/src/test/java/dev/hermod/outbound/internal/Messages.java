package dev.hermod.outbound.internal;

import dev.hermod.api.mail.Address;
import dev.hermod.api.mail.ReversePath;
import dev.hermod.api.outbound.OutboundMessage;
import dev.hermod.testing.Components;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Messages and transports for the tests. */
final class Messages {

    private Messages() {
    }

    static OutboundMessage message(String id, String domain, String content, String... recipients) {
        return message(id, domain, content.getBytes(StandardCharsets.UTF_8), Map.of(), recipients);
    }

    static OutboundMessage message(String id, String domain, byte[] bytes, Map<String, String> parameters,
                                   String... recipients) {
        List<Address> rcpts = Arrays.stream(recipients).map(Address::parse).toList();
        boolean eightBit = false;
        for (byte b : bytes) {
            eightBit |= b < 0;
        }
        boolean utf8 = rcpts.stream().anyMatch(Address::requiresSmtpUtf8);
        return new OutboundMessage(id, ReversePath.of(Address.parse("sender@hermod.test")), domain, rcpts, parameters,
                bytes.length, eightBit, utf8, () -> new ByteArrayInputStream(bytes));
    }

    static SmtpTransport transport(Map<String, Object> config) {
        Map<String, Object> all = new HashMap<>(Map.of("hostname", "out.hermod.test", "timeout.command", 20,
                "timeout.greeting", 20, "timeout.connect", 5));
        all.putAll(config);
        return new SmtpTransport(Components.config(SmtpTransport.Config.class, all));
    }
}
