package cn.cdcq.registry.client.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The registry's command-line tool: bulk and everyday work against a regional service's REST
 * API, as one account. One class per command in this package; a new feature adds its command
 * (e.g. {@code issue-batch --csv}, {@code verify}, {@code profile}, {@code notices export}) to
 * the list below.
 */
@Command(name = "registry-cli", mixinStandardHelpOptions = true, version = "registry-cli 0.1",
        description = "Talks to a regional service of the Chengdu-Chongqing labor registry.",
        subcommands = {WhoamiCommand.class, AccountsCommand.class, RegionsCommand.class, InboxCommand.class, BootstrapRegionsCommand.class,
                ProfileCommand.class, NoticesCommand.class, ViolationsCommand.class,
                IssueBatchCommand.class, VerifyCommand.class, VerifyAnchorCommand.class, CredentialCommand.class, CommandLine.HelpCommand.class})
public final class RegistryCli {

    @Option(names = "--region", description = "chengdu or chongqing: take the service's URL (and, without --user, "
            + "its administrator) from the services file ($CDCQ_SERVICES, written by scripts/start.sh)")
    String region;

    @Option(names = "--url", description = "the service's URL, e.g. http://127.0.0.1:7500 (instead of --region)")
    String url;

    @Option(names = "--user", description = "account name (default with --region: the region's administrator)")
    String user;

    @Option(names = "--password-file", description = "file holding the account's password (or set REGISTRY_PASSWORD)")
    Path passwordFile;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new RegistryCli()).setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ServiceApi.ApiException api) {
                cmd.getErr().println("ERROR " + (api.status() == 0 ? "" : api.status() + " ") + api.code() + ": " + api.getMessage());
                return 1;
            }
            if (e instanceof IllegalArgumentException || e instanceof UncheckedIOException) {
                cmd.getErr().println("ERROR: " + e.getMessage());
                return 2;
            }
            throw e;
        });
    }

    /** The API as the chosen account. */
    ServiceApi api() {
        String serviceUrl = url;
        String account = user;
        Path password = passwordFile;
        if (region != null) {
            Properties services = services();
            serviceUrl = serviceUrl != null ? serviceUrl : required(services, region + ".url");
            if (account == null) {
                account = required(services, region + ".adminAccount");
                password = password != null ? password : Path.of(required(services, region + ".adminPasswordFile"));
            }
        }
        if (serviceUrl == null) {
            throw new IllegalArgumentException("say which service: --region chengdu|chongqing or --url URL");
        }
        return new ServiceApi(serviceUrl, account, account == null ? null : password(password));
    }

    /** The API without an account, for the open endpoints (--url, or --region for its URL only). */
    ServiceApi publicApi() {
        String serviceUrl = url != null ? url : region != null ? required(services(), region + ".url") : null;
        if (serviceUrl == null) {
            throw new IllegalArgumentException("say which service: --region chengdu|chongqing or --url URL");
        }
        return new ServiceApi(serviceUrl, null, null);
    }

    static Properties services() {
        String file = System.getenv().getOrDefault("CDCQ_SERVICES", ".data/network/services.properties");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the services file " + file
                    + " (scripts/start.sh writes DATA/services.properties; set CDCQ_SERVICES or CDCQ_DATA): " + e.getMessage());
        }
        return p;
    }

    static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("the services file has no '" + key + "'");
        }
        return v.strip();
    }

    static String password(Path file) {
        if (file != null) {
            try {
                return Files.readString(file).strip();
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the password file " + file + ": " + e.getMessage());
            }
        }
        String env = System.getenv("REGISTRY_PASSWORD");
        if (env == null || env.isEmpty()) {
            throw new IllegalArgumentException("give the account's password with --password-file FILE or REGISTRY_PASSWORD");
        }
        return env;
    }
}
