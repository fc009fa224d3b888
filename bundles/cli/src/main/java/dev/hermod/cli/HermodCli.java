package dev.hermod.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hermod-cli}: imports, exports, backup and restore of a running Hermod through its admin HTTP API
 * ({@code /admin/api}); the same operations as the shell's {@code hermod:} commands.
 */
@Command(name = "hermod-cli", mixinStandardHelpOptions = true, versionProvider = HermodCli.Version.class,
        description = "Migration, backup and restore for a running Hermod, through its admin HTTP API.%n"
                + "Paths name files on the server's machine; relative paths are made absolute here.",
        footer = {"", "Credentials: a token (--token-file, HERMOD_ADMIN_TOKEN) or the Karaf admin's password"
                + " (--password-file, HERMOD_ADMIN_PASSWORD, or etc/admin.password under HERMOD_HOME).", "",
                ExitCodes.HELP},
        subcommands = {HermodCli.Status.class, HermodCli.ImportMaildir.class, HermodCli.ImportMbox.class,
                HermodCli.ImportImap.class, HermodCli.ExportMaildir.class, HermodCli.ExportMbox.class,
                HermodCli.Backup.class, HermodCli.Restore.class, QueueCommand.class, CommandLine.HelpCommand.class})
public final class HermodCli implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code. */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new HermodCli());
        cli.setExitCodeExceptionMapper(e -> e instanceof CliException c ? c.exitCode() : ExitCodes.FAILED);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            PrintWriter err = commandLine.getErr();
            err.println("hermod-cli: " + (e instanceof java.nio.file.NoSuchFileException ? "no such file: " + e.getMessage()
                    : e instanceof java.nio.file.AccessDeniedException ? "permission denied: " + e.getMessage()
                    : e.getMessage()));
            err.flush();
            return e instanceof CliException c ? c.exitCode() : ExitCodes.FAILED;
        });
        cli.setParameterExceptionHandler((e, args1) -> {
            e.getCommandLine().getErr().println("hermod-cli: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return ExitCodes.USAGE;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = HermodCli.class.getPackage().getImplementationVersion();
            return new String[] {"hermod-cli " + (v == null ? "(development)" : v)};
        }
    }

    /** What every operation shares: the server options, progress and the printing of the result. */
    abstract static class Operation implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @Option(names = "--json", description = "Print the result as JSON")
        boolean json;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        abstract String operation();

        abstract Map<String, Object> request();

        @Override
        public Integer call() throws Exception {
            AdminClient client = server.client();
            ProgressView view = new ProgressView(System.err, System.console() != null);
            Map<String, Object> result = client.run(operation(), request(), view);
            print(result);
            return Boolean.FALSE.equals(result.get("verified")) ? ExitCodes.NOT_VERIFIED : ExitCodes.OK;
        }

        void print(Map<String, Object> result) throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(result));
            } else {
                out.println(Summaries.of(result));
            }
            out.flush();
        }

        static String absolute(Path p) {
            return p.toAbsolutePath().normalize().toString();
        }
    }

    @Command(name = "status", description = "Checks the URL and credentials and shows what the admin API offers.")
    static final class Status implements Callable<Integer> {
        @Mixin
        ServerOptions server;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> d = server.client().describe();
            spec.commandLine().getOut().println("Admin API at " + server.url + ": " + d);
            return ExitCodes.OK;
        }
    }

    @Command(name = "import-maildir", description = "Imports a Maildir or Maildir++ tree into an account (folders,"
            + " flags from file names, dates; Sent/Drafts/Trash/Junk/Archive folders into those roles).")
    static final class ImportMaildir extends Operation {
        @Parameters(index = "0", paramLabel = "ACCOUNT", description = "The account")
        String account;

        @Parameters(index = "1", paramLabel = "MAILDIR", description = "The Maildir's root")
        Path maildir;

        @Override
        String operation() {
            return "import/maildir";
        }

        @Override
        Map<String, Object> request() {
            return Map.of("account", account, "path", absolute(maildir));
        }
    }

    @Command(name = "import-mbox", description = "Imports an mbox file into a mailbox, or a directory of *.mbox files"
            + " into the mailboxes their paths name.")
    static final class ImportMbox extends Operation {
        @Parameters(index = "0", paramLabel = "ACCOUNT")
        String account;

        @Parameters(index = "1", paramLabel = "MBOX", description = "The mbox file or directory")
        Path mbox;

        @Option(names = "--mailbox", description = "Mailbox path to import into (default: the file's name)")
        String mailbox;

        @Option(names = "--format", defaultValue = "mboxrd", description = "mboxrd or mboxo (default: ${DEFAULT-VALUE})")
        String format;

        @Override
        String operation() {
            return "import/mbox";
        }

        @Override
        Map<String, Object> request() {
            Map<String, Object> r = new LinkedHashMap<>(Map.of("account", account, "path", absolute(mbox), "format", format));
            if (mailbox != null) {
                r.put("mailbox", mailbox);
            }
            return r;
        }
    }

    @Command(name = "import-imap", description = "Copies every folder of an account on a live IMAP server with flags"
            + " and internal dates; running it again fetches only new mail (resumes by UID).")
    static final class ImportImap extends Operation {
        @Parameters(index = "0", paramLabel = "ACCOUNT", description = "The Hermod account")
        String account;

        @Option(names = "--host", required = true)
        String host;

        @Option(names = "--port", description = "Default 993 with tls, else 143")
        Integer port;

        @Option(names = "--security", defaultValue = "tls", description = "tls, starttls or none (default: ${DEFAULT-VALUE})")
        String security;

        @Option(names = "--imap-user", required = true, description = "Login name on the IMAP server")
        String user;

        @Option(names = "--imap-password-env", paramLabel = "VAR", description = "Environment variable with the IMAP password (asked for otherwise)")
        String passwordEnv;

        @Option(names = "--trust-all", description = "Accept any certificate of the IMAP server")
        boolean trustAll;

        @Override
        String operation() {
            return "import/imap";
        }

        @Override
        Map<String, Object> request() {
            String password = passwordEnv != null ? System.getenv(passwordEnv)
                    : System.console() != null ? new String(System.console().readPassword("IMAP password for %s: ", user)) : null;
            if (password == null) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "No IMAP password: set --imap-password-env to a variable that holds it, or run on a terminal");
            }
            Map<String, Object> r = new LinkedHashMap<>(Map.of("account", account, "host", host, "security",
                    security.toLowerCase(Locale.ROOT), "user", user, "password", password, "trustAll", trustAll));
            if (port != null) {
                r.put("port", port);
            }
            return r;
        }
    }

    @Command(name = "export-maildir", description = "Writes an account to a Maildir++ tree.")
    static final class ExportMaildir extends Operation {
        @Parameters(index = "0", paramLabel = "ACCOUNT")
        String account;

        @Parameters(index = "1", paramLabel = "DIRECTORY", description = "A new or empty directory")
        Path directory;

        @Override
        String operation() {
            return "export/maildir";
        }

        @Override
        Map<String, Object> request() {
            return Map.of("account", account, "path", absolute(directory));
        }
    }

    @Command(name = "export-mbox", description = "Writes each mailbox of an account to <DIRECTORY>/<path>.mbox (mboxrd).")
    static final class ExportMbox extends Operation {
        @Parameters(index = "0", paramLabel = "ACCOUNT")
        String account;

        @Parameters(index = "1", paramLabel = "DIRECTORY", description = "A new or empty directory")
        Path directory;

        @Override
        String operation() {
            return "export/mbox";
        }

        @Override
        Map<String, Object> request() {
            return Map.of("account", account, "path", absolute(directory));
        }
    }

    @Command(name = "backup", description = "Backs the whole server up while it runs: a consistent, versioned archive of"
            + " the metadata store, the blobs and the DKIM keys. Without --on-server the archive is downloaded.")
    static final class Backup extends Operation {
        @Parameters(index = "0", paramLabel = "FILE", description = "The archive to write (.zip); not overwritten")
        Path file;

        @Option(names = "--on-server", description = "Write FILE on the server's machine (with progress and ETA) instead of downloading it")
        boolean onServer;

        @Mixin
        Offline offline;

        @Override
        String operation() {
            return "backup";
        }

        @Override
        Map<String, Object> request() {
            return Map.of("path", absolute(file));
        }

        @Override
        public Integer call() throws Exception {
            if (offline.offline) {
                return offline.backup(file, this);
            }
            if (onServer) {
                return super.call();
            }
            if (java.nio.file.Files.exists(file)) {
                throw new CliException(ExitCodes.FAILED, file + " exists; name a new file");
            }
            Properties summary = server.client().download(file, new ProgressView(System.err, System.console() != null));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("type", "backup");
            summary.stringPropertyNames().stream().sorted().forEach(k -> result.put(k, summary.getProperty(k)));
            result.put("file", absolute(file));
            print(result);
            return ExitCodes.OK;
        }
    }

    @Command(name = "restore", description = "Restores an archive into the server's stores, which must be empty (a fresh"
            + " install, on any backend), and verifies it. The archive must be on the server's machine.")
    static final class Restore extends Operation {
        @Parameters(index = "0", paramLabel = "FILE", description = "The archive")
        Path file;

        @Mixin
        Offline offline;

        @Override
        String operation() {
            return "restore";
        }

        @Override
        public Integer call() throws Exception {
            return offline.offline ? offline.restore(file, this) : super.call();
        }

        @Override
        Map<String, Object> request() {
            return Map.of("path", absolute(file));
        }
    }

    static List<String> operations() {
        return List.of("import-maildir", "import-mbox", "import-imap", "export-maildir", "export-mbox", "backup", "restore");
    }
}
