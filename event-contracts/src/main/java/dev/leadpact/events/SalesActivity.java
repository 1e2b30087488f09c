package dev.leadpact.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An event on {@link Topics#SALES_ACTIVITIES}. The JSON property {@code type} tells which one:
 * {@code CONTACT_ATTEMPT}, {@code STATUS_CHANGED} or {@code OWNER_ASSIGNED}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ContactAttempt.class, name = "CONTACT_ATTEMPT"),
    @JsonSubTypes.Type(value = LeadStatusChanged.class, name = "STATUS_CHANGED"),
    @JsonSubTypes.Type(value = OwnerAssigned.class, name = "OWNER_ASSIGNED")
})
public sealed interface SalesActivity extends LeadEvent permits ContactAttempt, LeadStatusChanged, OwnerAssigned {}
