package io.quota.platform.problem;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.quota.contracts.EventJson;
import jakarta.inject.Singleton;

/**
 * REST bodies follow the event conventions (ISO dates, decimals as strings) and are strict on input: an
 * unknown field, a number for an enum or a null for a primitive is a 400 naming the field.
 */
@Singleton
public class RestJson implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        EventJson.configure(mapper);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }
}
