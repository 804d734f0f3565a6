package cn.cdcq.registry.client.cli;

import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "accounts", description = "Lists or creates accounts of the service (bureau administrators).",
        subcommands = {AccountsCommand.Create.class})
final class AccountsCommand implements Callable<Integer> {

    @ParentCommand
    RegistryCli cli;

    @Override
    public Integer call() {
        System.out.println(Output.pretty(cli.api().get("/api/v1/accounts")));
        return 0;
    }

    @Command(name = "create", description = "Creates an account: registered and enrolled at the region's Fabric CA "
            + "with its role's attributes. Prints it, with the password once if the service made it.")
    static final class Create implements Callable<Integer> {

        @ParentCommand
        AccountsCommand accounts;

        @Option(names = "--name", required = true, description = "account identifier, e.g. cd-ins-0003 (never a person's name)")
        String name;

        @Option(names = "--role", required = true, description = "BUREAU, BUREAU_ADMIN, TRAINING_CENTER or INSPECTOR")
        String role;

        @Option(names = "--center-id", description = "the training center's unified social credit code (TRAINING_CENTER)")
        String centerId;

        @Option(names = "--inspector-id", description = "the inspector's id, e.g. CD-INS-0003 (INSPECTOR)")
        String inspectorId;

        @Option(names = "--password-file", description = "file with the new account's password (default: the service makes one)")
        java.nio.file.Path passwordFile;

        @Override
        public Integer call() {
            ObjectNode body = Json.mapper().createObjectNode().put("name", name).put("role", role);
            if (centerId != null) {
                body.put("centerId", centerId);
            }
            if (inspectorId != null) {
                body.put("inspectorId", inspectorId);
            }
            if (passwordFile != null) {
                body.put("password", RegistryCli.password(passwordFile));
            }
            System.out.println(Output.pretty(accounts.cli.api().post("/api/v1/accounts", body)));
            return 0;
        }
    }
}
