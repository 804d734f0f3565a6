package cn.cdcq.registry.client.web;

import cn.cdcq.registry.client.config.ServiceProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at /v3/api-docs and its browsable UI at /swagger-ui.html. */
@Configuration
public class OpenApiConfiguration {

    @Bean
    OpenAPI registryApi(ServiceProperties properties) {
        return new OpenAPI()
                .info(new Info().title("Chengdu-Chongqing labor registry: regional service of " + properties.regionCode())
                        .version("v1")
                        .description("The ledger's capabilities for people and systems of region " + properties.regionCode()
                                + " (" + properties.mspId() + "). Every call is signed on the ledger with the caller's own "
                                + "Fabric identity. Errors are RFC 9457 problem details with a 'code'."))
                .components(new Components().addSecuritySchemes("basic",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
