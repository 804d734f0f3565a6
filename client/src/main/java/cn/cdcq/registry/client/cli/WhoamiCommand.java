package cn.cdcq.registry.client.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "whoami", description = "Shows the account and how the ledger sees its Fabric identity.")
final class WhoamiCommand implements Callable<Integer> {

    @ParentCommand
    RegistryCli cli;

    @Override
    public Integer call() {
        System.out.println(Output.pretty(cli.api().get("/api/v1/whoami")));
        return 0;
    }
}
