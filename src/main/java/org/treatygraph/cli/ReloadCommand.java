package org.treatygraph.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;

import org.eclipse.jetty.util.security.Password;
import org.treatygraph.load.Database;
import org.treatygraph.load.Progress;
import org.treatygraph.load.Store;
import org.treatygraph.load.WriteReport;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "reload", mixinStandardHelpOptions = true,
         description = {"Rebuild the database from ontology/ and data/ — also while a server is running on it: then it"
                        + " calls that server's POST /$/reload (basic auth), which rebuilds in one write transaction while"
                        + " readers go on with the old state. Journaled HTTP changes are replayed on top; a change that no"
                        + " longer fits the files refuses the reload (exit 1) and says how to keep it.",
                        "Without a running server it rebuilds the database itself, as `load` does."})
final class ReloadCommand implements Callable<Integer> {
    @Mixin Cli.Options options;

    @Spec CommandSpec spec;

    @Mixin Cli.ProgressOption progressOption;

    @Option(names = "--discard-changes", defaultValue = "${env:TREATYGRAPH_DISCARD_CHANGES:-false}",
            description = "First drop the journal of HTTP changes (after moving them into data/ with `export --changes`)"
                          + " (env TREATYGRAPH_DISCARD_CHANGES; default: ${DEFAULT-VALUE}).")
    boolean discardChanges;

    @Option(names = "--password-file", paramLabel = "FILE", defaultValue = "${env:TREATYGRAPH_PASSWORD_FILE}",
            description = "The server's password file (Jetty hash-login, 'user: password'): the credentials for"
                          + " POST /$/reload (env TREATYGRAPH_PASSWORD_FILE; default: none). A hashed (MD5:, CRYPT:) password"
                          + " cannot be read back: give it in env TREATYGRAPH_PASSWORD.")
    Path passwordFile;

    @Option(names = "--user", paramLabel = "USER", defaultValue = "${env:TREATYGRAPH_USER}",
            description = "Which user of the password file (env TREATYGRAPH_USER; default: its first user).")
    String user;

    @Option(names = "--violations", paramLabel = "fail|warn", defaultValue = "${env:TREATYGRAPH_VIOLATIONS:-fail}",
            description = "Without a server: on ERROR findings, fail (nothing is written) or warn (log them and load)"
                          + " (env TREATYGRAPH_VIOLATIONS; default: ${DEFAULT-VALUE}). A server always refuses them.")
    Cli.Violations violations;

    @Override
    public Integer call() throws Exception {
        Database db;
        try {
            db = Cli.open(options);
        } catch (Store.LockedException e) {
            if (e.serverUrl().isEmpty())
                throw e;
            return remote(e.serverUrl().get());
        }
        if (discardChanges)
            db.discardJournal();
        Progress progress = progressOption.progress();
        WriteReport r;
        try {
            r = db.progress(progress).rebuild(violations.onError());
        } finally {
            ProgressLine.close(progress);
            db.progress(Progress.NONE);
        }
        Cli.log(r);
        return 0;
    }

    /** POST SERVER/$/reload; print its answer; 0 when it reloaded. */
    private int remote(String server) throws IOException, InterruptedException {
        String[] credentials = credentials();
        URI uri = URI.create(server + "/$/reload" + (discardChanges ? "?discard-changes=" + URLEncoder.encode("true", StandardCharsets.UTF_8) : ""));
        Cli.log().info("The server at {} holds the database: POST {}", server, uri);
        HttpRequest request = HttpRequest.newBuilder(uri)
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (credentials[0] + ":" + credentials[1]).getBytes(StandardCharsets.UTF_8)))
            .timeout(Duration.ofHours(2))
            .POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> r;
        try {
            r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new IllegalStateException("the server announced at " + server + " does not answer (" + e.getMessage()
                + "); if it died, its lock is released when the process is gone: run `reload` again");
        }
        (r.statusCode() == 200 ? spec.commandLine().getOut() : spec.commandLine().getErr()).println(r.body().strip());
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        if (r.statusCode() == 401)
            spec.commandLine().getErr().println("401: the credentials were refused: check --password-file / --user / TREATYGRAPH_PASSWORD");
        return r.statusCode() == 200 ? 0 : 1;
    }

    /** {user, password} from the password file (and TREATYGRAPH_PASSWORD). */
    private String[] credentials() throws IOException {
        if (passwordFile == null)
            throw new CommandLine.ParameterException(spec.commandLine(),
                "a server holds the database: give its --password-file (or env TREATYGRAPH_PASSWORD_FILE) to call POST /$/reload");
        List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || !l.contains(":"))
                continue;
            String name = l.substring(0, l.indexOf(':')).strip();
            if (user != null && !user.equals(name))
                continue;
            String rest = l.substring(l.indexOf(':') + 1).strip();
            int comma = rest.indexOf(',');
            String password = comma >= 0 ? rest.substring(0, comma).strip() : rest;
            String env = System.getenv("TREATYGRAPH_PASSWORD");
            if (env != null && !env.isEmpty())
                password = env;
            else if (password.startsWith("OBF:"))
                password = Password.deobfuscate(password);
            else if (password.startsWith("MD5:") || password.startsWith("CRYPT:"))
                throw new CommandLine.ParameterException(spec.commandLine(), "the password of '" + name + "' in "
                    + passwordFile + " is hashed: give it in env TREATYGRAPH_PASSWORD");
            return new String[] {name, password};
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "no user " + (user == null ? "" : "'" + user + "' ")
            + "in " + passwordFile);
    }
}
