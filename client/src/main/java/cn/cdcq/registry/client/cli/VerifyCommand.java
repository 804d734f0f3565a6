package cn.cdcq.registry.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code verify NUMBER}: what an employer runs, without an account, against any region's service
 * (its public endpoint): the chaincode's step-by-step report and recognition in each region. With
 * the holder's name, ID number and salt (--holder FILE, or - for standard input) it also checks
 * that the certificate is theirs.
 */
@Command(name = "verify", description = {"Verifies a certificate through a service's public endpoint (no account needed).",
        "Prints the report (each check, the verdict, recognition in each region and why).",
        "Exit codes: 0 VALID, 3 not valid (including a number never issued: RECORD fails), 1 the service refused "
                + "(e.g. 400 a malformed number), 2 bad usage."})
final class VerifyCommand implements Callable<Integer> {

    @ParentCommand
    RegistryCli cli;

    @Parameters(index = "0", paramLabel = "NUMBER", description = "the certificate number, e.g. S000150000001264000001")
    String number;

    @Mixin
    HolderOptions holder;

    @Override
    public Integer call() {
        ServiceApi api = cli.publicApi();
        String path = "/api/v1/public/certificates/" + URLEncoder.encode(number.strip(), StandardCharsets.UTF_8) + "/verification";
        JsonNode report = holder.given() ? api.post(path, holder.body()) : api.get(path);
        return Output.verdict(report);
    }
}
