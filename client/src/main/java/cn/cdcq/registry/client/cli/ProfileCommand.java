package cn.cdcq.registry.client.cli;

import cn.cdcq.registry.common.format.Uscc;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "profile", description = "Shows an enterprise's public credit profile (no account needed: --url alone will do).")
final class ProfileCommand implements Callable<Integer> {

    @ParentCommand
    RegistryCli cli;

    @Parameters(paramLabel = "USCC", description = "the enterprise's unified social credit code (18 characters)")
    String uscc;

    @Override
    public Integer call() {
        String code = Uscc.validate(uscc);
        System.out.println(Output.pretty(cli.api().get("/api/v1/public/enterprises/" + code + "/credit-profile")));
        return 0;
    }
}
