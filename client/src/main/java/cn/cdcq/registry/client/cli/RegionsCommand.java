package cn.cdcq.registry.client.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "regions", description = "Lists the regions in force (and, with --pending, the pending proposals).")
final class RegionsCommand implements Callable<Integer> {

    @ParentCommand
    RegistryCli cli;

    @Option(names = "--pending", description = "list pending region proposals instead")
    boolean pending;

    @Override
    public Integer call() {
        JsonNode answer = cli.api().get(pending ? "/api/v1/region-proposals" : "/api/v1/regions");
        System.out.println(Output.pretty(answer));
        return 0;
    }
}
