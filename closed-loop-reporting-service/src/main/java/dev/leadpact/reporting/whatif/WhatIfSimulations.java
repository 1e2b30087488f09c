package dev.leadpact.reporting.whatif;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.policy.SlaSettings;
import dev.leadpact.reporting.ReportingConfig;
import dev.leadpact.reporting.problem.InvalidProposalException;
import dev.leadpact.reporting.problem.SlaMonitorException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The dashboard's what-if panel, relayed to the monitor's simulations so that the browser talks to
 * this service only and the monitor's key stays here. A proposal is checked before anything is sent;
 * the monitor's answers, its refusals (400, 404, 429 with Retry-After) included, pass on as they
 * are. That it cannot be reached is 503, that it failed or refused this service's key 502.
 */
@ApplicationScoped
public class WhatIfSimulations {
    private static final String SHAPE = "{\"month\": \"YYYY-MM\", \"segments\": {\"small\"|\"mid\"|\"large\":"
            + " {\"firstContact\": \"PT2H\", \"attemptsRequired\": 8}}}";

    private final SlaMonitorClient monitor;
    private final ObjectMapper json;
    private final ZoneId zone;
    private final String defaultSource;

    WhatIfSimulations(SlaMonitorClient monitor, ObjectMapper json, ReportingConfig config, SlaSettings policies) {
        this.monitor = monitor;
        this.json = json;
        this.zone = config.zone();
        this.defaultSource = policies.defaultSource();
    }

    /**
     * Starts the monitor's simulation of the proposal ({@link WhatIfProposal} as JSON): 202 with
     * {@code Location: /dashboard/what-if/{id}}.
     */
    public Response start(String body) {
        SlaMonitorClient.Answer answer =
                monitor.post("/sla/simulations", write(proposal(body).simulation(zone)));
        Response.ResponseBuilder relayed = relay(answer);
        if (answer.status() == Response.Status.ACCEPTED.getStatusCode()) {
            UUID id;
            try {
                id = UUID.fromString(read(answer).path("id").asText());
            } catch (IllegalArgumentException e) {
                throw unreadable(answer);
            }
            // relative: JAX-RS resolves it against this service's base URI
            relayed.location(URI.create("dashboard/what-if/" + id));
        }
        return relayed.build();
    }

    /** The body read here rather than by the framework, so that every way it can be wrong is a problem. */
    private WhatIfProposal proposal(String body) {
        WhatIfProposal proposal;
        try {
            proposal = body == null || body.isBlank() ? null : json.readValue(body, WhatIfProposal.class);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                    .collect(Collectors.joining("."));
            throw new InvalidProposalException(
                    field.isEmpty() ? "body" : field,
                    (field.isEmpty() ? "the body" : field) + " is not what a what-if takes: " + SHAPE);
        } catch (JsonProcessingException e) {
            throw new InvalidProposalException("body", "the body is not JSON: " + SHAPE);
        }
        if (proposal == null) {
            throw new InvalidProposalException("body", "a what-if needs a JSON body: " + SHAPE);
        }
        return proposal;
    }

    /** The monitor's simulation {@code id}: its progress, then its result. */
    public Response find(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            // not sent on: the id becomes part of the monitor's URL
            throw new NotFoundException();
        }
        return relay(monitor.get("/sla/simulations/" + uuid)).build();
    }

    /** Each segment's current first-contact deadline and attempt minimum at the monitor. */
    public List<SegmentPolicy> currentPolicies() {
        SlaMonitorClient.Answer answer = checked(monitor.get("/sla/policies"));
        if (answer.status() != Response.Status.OK.getStatusCode()) {
            throw SlaMonitorException.failed(
                    "the SLA monitor at " + monitor.url() + " answered " + answer.status() + " for its policies");
        }
        try {
            return SegmentPolicy.of(read(answer), defaultSource);
        } catch (RuntimeException e) {
            throw unreadable(answer);
        }
    }

    /** The monitor's answer for the browser, with its status, type and Retry-After. */
    private Response.ResponseBuilder relay(SlaMonitorClient.Answer answer) {
        checked(answer);
        Response.ResponseBuilder response =
                Response.status(answer.status()).type(answer.contentType()).entity(answer.body());
        answer.retryAfter().ifPresent(seconds -> response.header(HttpHeaders.RETRY_AFTER, seconds));
        return response;
    }

    /**
     * The answer, unless it is one the browser must not get as it is: a refusal of this service's
     * key would read as one of the page's own (401 and 403 are about the page's key), and a failure
     * of the monitor is not the browser's. Both are 502 with a detail that names the monitor.
     */
    private SlaMonitorClient.Answer checked(SlaMonitorClient.Answer answer) {
        int status = answer.status();
        if (status == 401 || status == 403) {
            throw SlaMonitorException.failed("the SLA monitor at " + monitor.url() + " refused this service's key ("
                    + status + "): set leadpact.reporting.monitor.api-key to a key with the monitor's reader role");
        }
        if (status >= 500) {
            throw SlaMonitorException.failed("the SLA monitor at " + monitor.url() + " failed (" + status + ")");
        }
        return answer;
    }

    private JsonNode read(SlaMonitorClient.Answer answer) {
        try {
            return json.readTree(answer.body());
        } catch (JsonProcessingException e) {
            throw unreadable(answer);
        }
    }

    private SlaMonitorException unreadable(SlaMonitorClient.Answer answer) {
        return SlaMonitorException.failed(
                "the SLA monitor at " + monitor.url() + " answered " + answer.status() + " with unexpected content");
    }

    private String write(WhatIfProposal.Simulation simulation) {
        try {
            return json.writeValueAsString(simulation);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + simulation, e);
        }
    }
}
