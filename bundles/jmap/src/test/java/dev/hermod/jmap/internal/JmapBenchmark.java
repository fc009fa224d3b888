package dev.hermod.jmap.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermod.api.mail.MailboxRole;
import dev.hermod.api.mailbox.MailAccount;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Benchmark driver, not a timed test: N concurrent JMAP clients of one account (1,000 messages in INBOX)
 * over HTTP/1.1 keep-alive on the real listener, core, SQLite and file-system blob store. Scenario
 * "list": Email/query (INBOX, receivedAt descending, 50) with Email/get of the 50 summaries through a result
 * reference, in one request. Scenario "flag": Email/set toggling $seen on a random message. Prints
 * requests per second and latency percentiles per scenario and client count.
 *
 * <p>Run: {@code mvn -o -f bundles/jmap/pom.xml test -Dtest=JmapBenchmark -Dhermod.bench.jmap=16}
 * (the largest client count; the run also measures 1 and 4). {@code -Dhermod.bench.seconds=5} per cell.
 */
@EnabledIfSystemProperty(named = "hermod.bench.jmap", matches = "\\d+")
class JmapBenchmark extends JmapTestSupport {

    private static final int MESSAGES = 1000;

    @Override
    Map<String, Object> jmapConfig() {
        return Map.of("upload.folder", dir.resolve("uploads").toString(), "maxConcurrentRequests", 256);
    }

    @Test
    void run() throws Exception {
        int max = Integer.getInteger("hermod.bench.jmap");
        int seconds = Integer.getInteger("hermod.bench.seconds", 5);
        MailAccount alice = store.account("alice");
        var inbox = alice.mailbox(MailboxRole.INBOX).orElseThrow();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            String message = "From: Sender " + (i % 37) + " <s" + (i % 37) + "@example.net>\r\nTo: alice@example.org\r\n"
                    + "Subject: Message number " + i + "\r\nMessage-ID: <b" + i + "@example.net>\r\n"
                    + "Date: Tue, 5 Mar 2024 10:00:00 +0000\r\n\r\n" + ("Body line of message " + i + ".\r\n").repeat(20);
            ids.add(alice.append(inbox.id(), new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8)), Set.of(),
                    Instant.parse("2024-03-05T10:00:00Z").plusSeconds(i)).id().toString());
        }
        String account = accountId("alice");
        String list = "{\"using\":[\"urn:ietf:params:jmap:core\",\"urn:ietf:params:jmap:mail\"],\"methodCalls\":["
                + "[\"Email/query\",{\"accountId\":\"" + account + "\",\"filter\":{\"inMailbox\":\"" + inbox.id() + "\"},"
                + "\"sort\":[{\"property\":\"receivedAt\",\"isAscending\":false}],\"limit\":50},\"q\"],"
                + "[\"Email/get\",{\"accountId\":\"" + account + "\",\"#ids\":{\"resultOf\":\"q\",\"name\":\"Email/query\","
                + "\"path\":\"/ids\"},\"properties\":[\"threadId\",\"mailboxIds\",\"keywords\",\"from\",\"subject\","
                + "\"receivedAt\",\"size\",\"preview\"]},\"g\"]]}";
        // Check the request once.
        JsonNode check = Json.MAPPER.readTree(send(HttpClient.newHttpClient(), list));
        assertEquals(50, check.at("/methodResponses/1/1/list").size());

        List<String> rows = new ArrayList<>();
        for (String scenario : List.of("list", "flag")) {
            for (int clients : levels(max)) {
                rows.add(measure(scenario, clients, seconds, list, account, ids));
            }
        }
        System.out.println();
        System.out.println("| scenario | clients | requests/s | p50 ms | p99 ms |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        rows.forEach(System.out::println);
        System.out.println("(" + MESSAGES + " messages, " + seconds + " s per cell, " + Runtime.getRuntime().availableProcessors()
                + " cores, SQLite, blob fsync off)");
    }

    private static List<Integer> levels(int max) {
        List<Integer> out = new ArrayList<>();
        for (int n : new int[] {1, 4, 16, 64}) {
            if (n <= max) {
                out.add(n);
            }
        }
        if (!out.contains(max)) {
            out.add(max);
        }
        return out;
    }

    private String measure(String scenario, int clients, int seconds, String list, String account, List<String> ids)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            results.add(pool.submit(() -> {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                List<Long> latencies = new ArrayList<>();
                while (System.nanoTime() < end) {
                    String body = scenario.equals("list") ? list : flag(account, ids);
                    long start = System.nanoTime();
                    String response = send(http, body);
                    latencies.add(System.nanoTime() - start);
                    if (!response.contains("\"methodResponses\"") || response.contains("\"error\"")) {
                        throw new IllegalStateException(response);
                    }
                }
                return latencies;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> f : results) {
            all.addAll(f.get());
        }
        pool.shutdown();
        Collections.sort(all);
        double rate = all.size() / (double) seconds;
        return String.format("| %s | %d | %.0f | %.1f | %.1f |", scenario.equals("list")
                ? "Email/query + Email/get 50" : "Email/set keyword", clients, rate,
                all.get(all.size() / 2) / 1e6, all.get((int) Math.min(all.size() - 1, Math.ceil(all.size() * 0.99) - 1)) / 1e6);
    }

    private static String flag(String account, List<String> ids) {
        String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        boolean on = ThreadLocalRandom.current().nextBoolean();
        return "{\"using\":[\"urn:ietf:params:jmap:core\",\"urn:ietf:params:jmap:mail\"],\"methodCalls\":[[\"Email/set\","
                + "{\"accountId\":\"" + account + "\",\"update\":{\"" + id + "\":{\"keywords/$seen\":" + (on ? "true" : "null")
                + "}}},\"s\"]]}";
    }

    private String send(HttpClient http, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/jmap/api"))
                .header("Authorization", basic("alice")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
