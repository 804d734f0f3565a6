package cn.cdcq.registry.client.api;

import cn.cdcq.registry.client.identity.AccountRole;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ApiConstraintsTest {

    @Test
    void parametersSharingOneSchemaObjectGetTheirOwnConstraints() {
        Schema<String> shared = new StringSchema(); // springdoc hands the same object to every String parameter
        OpenAPI api = new OpenAPI().components(new Components()).paths(new Paths()
                .addPathItem("/api/v1/enterprises/{uscc}", new PathItem().get(new Operation()
                        .addParametersItem(new Parameter().name("uscc").in("path").schema(shared))))
                .addPathItem("/api/v1/checkpoints/{number}", new PathItem().get(new Operation()
                        .addParametersItem(new Parameter().name("number").in("path").schema(shared))))
                .addPathItem("/api/v1/violations/{id}", new PathItem().get(new Operation()
                        .addParametersItem(new Parameter().name("id").in("path").schema(shared))))
                .addPathItem("/api/v1/certificates/{number}/recognition-cases/{targetRegion}/accept", new PathItem()
                        .get(new Operation().addParametersItem(new Parameter().name("targetRegion").in("path").schema(shared)))));
        new ApiConstraints("CD").customise(api);
        assertThat(param(api, "/api/v1/enterprises/{uscc}").getPattern()).isEqualTo(ApiFormats.USCC);
        assertThat(param(api, "/api/v1/enterprises/{uscc}").getFormat()).isEqualTo("uscc");
        assertThat(param(api, "/api/v1/checkpoints/{number}").getPattern()).isEqualTo(ApiFormats.CHECKPOINT_NUMBER);
        assertThat(param(api, "/api/v1/violations/{id}").getPattern()).isNull();
        assertThat(param(api, "/api/v1/violations/{id}").getMinLength()).isEqualTo(1);
        assertThat(List.<Object>copyOf(param(api, "/api/v1/certificates/{number}/recognition-cases/{targetRegion}/accept")
                .getEnum())).as("only this region's bureau decides").containsExactly("CD");
        assertThat(shared.getPattern()).isNull();
    }

    @Test
    void aBodyGetsPatternsEnumsRangesAndItsRequiredFields() {
        Schema<Object> violation = new ObjectSchema().addProperty("uscc", new StringSchema())
                .addProperty("type", new StringSchema()).addProperty("amountFen", new StringSchema())
                .addProperty("status", new StringSchema());
        Schema<Object> account = new ObjectSchema().addProperty("role", new StringSchema())
                .addProperty("inspectorId", new StringSchema().description("Inspector's identifier"));
        Schema<Object> accreditation = new ObjectSchema().addProperty("scopes", new io.swagger.v3.oas.models.media.ArraySchema()
                .items(new Schema<>().$ref("#/components/schemas/AccreditationScope")));
        Schema<Object> scope = new ObjectSchema().addProperty("highestLevel", new io.swagger.v3.oas.models.media.IntegerSchema());
        Schema<Object> answer = new ObjectSchema().addProperty("uscc", new StringSchema());
        OpenAPI api = new OpenAPI().components(new Components().addSchemas("ViolationRequest", violation)
                .addSchemas("NewAccount", account).addSchemas("AccreditationRequest", accreditation)
                .addSchemas("AccreditationScope", scope).addSchemas("Violation", answer))
                .paths(new Paths().addPathItem("/api/v1/violations", posting("ViolationRequest"))
                        .addPathItem("/api/v1/accounts", posting("NewAccount"))
                        .addPathItem("/api/v1/accreditations", posting("AccreditationRequest")));
        new ApiConstraints("CQ").customise(api);
        // Request schemas are found from the request bodies, and what they refer to; answers are left alone.
        assertThat(prop(api.getComponents().getSchemas().get("AccreditationScope"), "highestLevel").getMaximum())
                .as("a schema a body refers to through an array").isNotNull();
        assertThat(prop(api.getComponents().getSchemas().get("Violation"), "uscc").getPattern())
                .as("a response-only schema").isNull();
        Schema<?> v = api.getComponents().getSchemas().get("ViolationRequest");
        assertThat(prop(v, "uscc").getPattern()).isEqualTo(ApiFormats.USCC);
        assertThat(List.<Object>copyOf(prop(v, "type").getEnum())).contains("WAGE_ARREARS");
        assertThat(prop(v, "amountFen").getTypes()).containsExactly("integer");
        assertThat(prop(v, "amountFen").getMinimum()).isZero();
        assertThat(List.<Object>copyOf(prop(v, "status").getEnum())).containsExactly("OPEN", "PENALIZED");
        assertThat(v.getRequired()).contains("uscc", "type", "amountFen").doesNotContain("status");
        Schema<?> a = api.getComponents().getSchemas().get("NewAccount");
        assertThat(prop(a, "inspectorId").getPattern()).isEqualTo("^CQ-INS-[0-9]{4,8}$");
        assertThat(prop(a, "inspectorId").getDescription()).as("a rule across fields is said in words")
                .isEqualTo("Inspector's identifier; required for role INSPECTOR, refused for any other");
        List<Object> creatable = Arrays.stream(AccountRole.values()).filter(r -> r != AccountRole.PUBLIC_READER)
                .map(r -> (Object) r.name()).toList();
        assertThat(List.<Object>copyOf(prop(a, "role").getEnum())).as("every role an account can be made with").isEqualTo(creatable);
    }

    private static io.swagger.v3.oas.models.PathItem posting(String schema) {
        return new io.swagger.v3.oas.models.PathItem().post(new io.swagger.v3.oas.models.Operation().requestBody(
                new io.swagger.v3.oas.models.parameters.RequestBody().content(new io.swagger.v3.oas.models.media.Content()
                        .addMediaType("application/json", new io.swagger.v3.oas.models.media.MediaType()
                                .schema(new Schema<>().$ref("#/components/schemas/" + schema))))));
    }

    private static Schema<?> param(OpenAPI api, String path) {
        return api.getPaths().get(path).getGet().getParameters().get(0).getSchema();
    }

    private static Schema<?> prop(Schema<?> schema, String name) {
        return (Schema<?>) schema.getProperties().get(name);
    }
}
