package cn.cdcq.registry.client.cli;

import cn.cdcq.registry.common.credential.CredentialVerification;
import cn.cdcq.registry.common.credential.CredentialVerifier;
import cn.cdcq.registry.common.credential.Jcs;
import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code credential export} (a certificate as a signed W3C Verifiable Credential, from the
 * issuing region's service) and {@code credential verify} (the offline verifier: nothing but the
 * files given, or the URLs given explicitly, is read).
 */
@Command(name = "credential", description = "Portable credentials: export a certificate as a W3C Verifiable Credential, "
        + "verify one offline.", subcommands = {CredentialCommand.Export.class, CredentialCommand.Verify.class})
final class CredentialCommand {

    @ParentCommand
    RegistryCli cli;

    @Command(name = "export", description = {"Exports a certificate of the service's region as a signed credential.",
            "Without holder details: as the account (bureau or training center). With them: through the public endpoint, "
                    + "as the holder; --disclose also shows name and ID number in the credential."})
    static final class Export implements Callable<Integer> {

        @ParentCommand
        CredentialCommand parent;

        @Parameters(index = "0", paramLabel = "NUMBER", description = "the certificate number")
        String number;

        @Mixin
        HolderOptions holder;

        @Option(names = "--disclose", description = "with the holder's details: show name and ID number in the credential")
        boolean disclose;

        @Spec
        CommandSpec spec;

        @Option(names = "--out", paramLabel = "FILE", description = "write the credential here (default: standard output)")
        Path out;

        @Override
        public Integer call() throws IOException {
            if (disclose && !holder.given()) {
                throw new ParameterException(spec.commandLine(), "--disclose needs the holder's details "
                        + "(--holder FILE or --holder - for standard input): only the holder may disclose them");
            }
            String encoded = URLEncoder.encode(number.strip(), StandardCharsets.UTF_8);
            JsonNode credential = !holder.given()
                    ? parent.cli.api().get("/api/v1/certificates/" + encoded + "/credential")
                    : parent.cli.publicApi().post("/api/v1/public/certificates/" + encoded + "/credential",
                    holder.body().put("disclose", disclose));
            String text = Output.pretty(credential);
            if (out == null) {
                System.out.println(text);
            } else {
                Files.writeString(out, text + "\n");
                System.err.println("credential written to " + out + " (" + Files.size(out) + " bytes)");
            }
            return 0;
        }
    }

    @Command(name = "verify", description = {"Verifies a credential offline: proof, issuer key and its term, validity "
            + "period, status lists, Merkle path, holder.", "Prints the step list and verdict. Exit codes: 0 VALID, "
            + "3 INVALID, 2 bad usage (unreadable file)."})
    static final class Verify implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "CREDENTIAL", description = "the credential file (JSON)")
        Path credential;

        @Option(names = "--controller", paramLabel = "FILE|URL", description = "the issuer's controller (DID) document, "
                + "a saved file or its URL (e.g. http://127.0.0.1:7510/.well-known/did.json); repeatable")
        List<String> controllers = new ArrayList<>();

        @Option(names = "--status-list", paramLabel = "FILE|URL", description = "a status list credential, a saved file "
                + "or its URL; matched to the credential's entries by its id; repeatable")
        List<String> statusLists = new ArrayList<>();

        @Option(names = "--at", paramLabel = "INSTANT", description = "verify as of this ISO-8601 instant (default: now)")
        String at;

        @Override
        public Integer call() {
            String vc = read(credential.toString());
            List<JsonNode> documents = new ArrayList<>();
            for (String c : controllers) {
                documents.add(parse(c, read(c)));
            }
            Map<String, String> lists = new HashMap<>();
            for (String s : statusLists) {
                String text = read(s);
                lists.put(parse(s, text).path("id").asText(s), text);
            }
            Instant when = at == null ? Instant.now() : Instant.parse(at);
            CredentialVerification result = new CredentialVerifier(documents, lists).verify(vc, when);
            return Output.verdict(Json.mapper().valueToTree(result));
        }

        private static JsonNode parse(String source, String text) {
            try {
                return Jcs.parse(text);
            } catch (Jcs.JcsException e) {
                throw new IllegalArgumentException(source + " cannot be read: " + e.getMessage());
            }
        }

        /** A file, or a URL given explicitly on the command line. */
        private static String read(String source) {
            try {
                if (source.startsWith("http://") || source.startsWith("https://")) {
                    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(source)).timeout(Duration.ofSeconds(20))
                            .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new IllegalArgumentException(source + " answered HTTP " + r.statusCode());
                    }
                    return r.body();
                }
                return Files.readString(Path.of(source));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + source + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalArgumentException("interrupted reading " + source);
            }
        }
    }
}
