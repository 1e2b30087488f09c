package dev.leadpact.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Reads request bodies as strict JSON: a body with anything after its value ({@code {...} x}) or
 * with a key given twice is refused with 400 instead of being read up to the first value or with
 * the last duplicate winning. Two parsers that disagree on such a body (a WAF, a log pipeline,
 * this service) would otherwise each see a different lead.
 */
@Singleton
class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }
}
