package dev.leadpact.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Campaign parameters of the page the conversion happened on; every field optional. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Utm(String source, String medium, String campaign, String term, String content) {}
