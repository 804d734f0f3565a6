package cn.cdcq.registry.client.config;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

/**
 * Request bodies take text only as JSON text: a number or a boolean where a string belongs
 * (a USCC sent as {@code 123}, a prefix as {@code 51}) is refused instead of being turned into
 * the text {@code "123"}. Jackson's default coerces such scalars silently, which let garbage of
 * the wrong type through as a plausible value (the REST fuzz found the number 123 accepted as the
 * division prefix "123"). The refusal is a {@code MismatchedInputException} with the field's
 * JSON path, which {@code web/ProblemDetails} answers as a 400 naming the {@code field}.
 *
 * <p>{@code MapperFeature.ALLOW_COERCION_OF_SCALARS} does not cover a {@code String} target, so
 * this is a coercion config for the textual logical type (Jackson 3, {@code tools.jackson}).
 */
@Configuration(proxyBeanMethods = false)
public class StrictJsonInput {

    @Bean
    JsonMapperBuilderCustomizer refuseScalarsAsText() {
        return builder -> builder.withCoercionConfig(LogicalType.Textual, text -> text
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }
}
