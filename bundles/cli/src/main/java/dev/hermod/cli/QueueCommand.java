package dev.hermod.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code hermod-cli queue}: the outbound queue of the running server. */
@Command(name = "queue", description = "Lists, shows, flushes or removes entries of the outbound queue.",
        subcommands = {QueueCommand.List.class, QueueCommand.Show.class, QueueCommand.Flush.class, QueueCommand.Remove.class})
final class QueueCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    @Command(name = "list", description = "One line per queued message: id, sender, size, attempts, next attempt, recipients.")
    static final class List implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> r = server.client().call("GET", "queue");
            PrintWriter out = spec.commandLine().getOut();
            java.util.List<?> entries = (java.util.List<?>) r.get("entries");
            for (Object o : entries) {
                Map<?, ?> e = (Map<?, ?>) o;
                out.printf("%-20s %-30s %8s  %d attempts  next %s  %s%n", e.get("id"), e.get("from"), e.get("size"),
                        ((Number) e.get("attempts")).intValue(), e.get("nextAttempt"), recipients(e));
            }
            out.println(entries.size() + " queued");
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "An entry with each recipient's state and last reply.")
    static final class Show implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "ID")
        String id;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> e = server.client().call("GET", "queue/" + id);
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%s from %s, %s bytes, queued %s, %s attempts, next %s%n", e.get("id"), e.get("from"), e.get("size"),
                    e.get("queuedAt"), e.get("attempts"), e.get("nextAttempt"));
            for (Object o : (java.util.List<?>) e.get("recipients")) {
                Map<?, ?> r = (Map<?, ?>) o;
                out.printf("  %-40s %-9s %s%n", r.get("recipient"), r.get("state"), r.get("lastReply") == null ? "" : r.get("lastReply"));
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "flush", description = "Retries every queued message now.")
    static final class Flush implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            spec.commandLine().getOut().println("Flushed " + server.client().call("POST", "queue/flush").get("flushed") + " entries");
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", description = "Removes an entry without a bounce.")
    static final class Remove implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Parameters(paramLabel = "ID")
        String id;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            server.client().call("DELETE", "queue/" + id);
            spec.commandLine().getOut().println("Removed " + id);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }

    private static String recipients(Map<?, ?> e) {
        StringBuilder s = new StringBuilder();
        for (Object o : (java.util.List<?>) e.get("recipients")) {
            Map<?, ?> r = (Map<?, ?>) o;
            s.append(s.length() == 0 ? "" : ", ").append(r.get("recipient")).append(" (").append(r.get("state")).append(')');
        }
        return s.toString();
    }

    static java.util.List<String> names() {
        return java.util.List.of("list", "show", "flush", "remove");
    }
}
