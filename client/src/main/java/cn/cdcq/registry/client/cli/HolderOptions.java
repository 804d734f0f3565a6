package cn.cdcq.registry.client.cli;

import cn.cdcq.registry.common.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Option;

/**
 * The holder's details, given all three together, for the commands that act as the holder
 * through a public endpoint (verify a certificate's holder, export a holder's credential). They go
 * to the service in the request body only, never in a URL or a log line.
 */
final class HolderOptions {

    @Option(names = "--holder-name", required = true, description = "the holder's name as on the ID card")
    String name;

    @Option(names = "--holder-id", required = true, description = "the holder's resident ID number")
    String idNumber;

    @Option(names = "--holder-salt", required = true, description = "the salt from the holder's credential (hex)")
    String salt;

    /** The request body the public endpoints take: holderName, holderIdNumber, holderSalt. */
    ObjectNode body() {
        return Json.mapper().createObjectNode().put("holderName", name).put("holderIdNumber", idNumber).put("holderSalt", salt);
    }
}
