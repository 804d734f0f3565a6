package cn.cdcq.registry.client.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "inbox", description = "Shows the region's inbox of ledger events.")
final class InboxCommand implements Callable<Integer> {

    @ParentCommand
    RegistryCli cli;

    @Option(names = "--needs-action", description = "only what needs this region's action")
    boolean needsAction;

    @Override
    public Integer call() {
        System.out.println(Output.pretty(cli.api().get("/api/v1/inbox" + (needsAction ? "?needsAction=true" : ""))));
        return 0;
    }
}
