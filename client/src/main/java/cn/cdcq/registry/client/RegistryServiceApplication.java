package cn.cdcq.registry.client;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The regional service: one process per region, next to that region's peer. It serves the
 * ledger's capabilities as a REST API under /api/v1, each request signed with the acting user's
 * own Fabric identity, and keeps the region's inbox from chaincode events.
 */
@SpringBootApplication
public class RegistryServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(RegistryServiceApplication.class, args);
    }
}
