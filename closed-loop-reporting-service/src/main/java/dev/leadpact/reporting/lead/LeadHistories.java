package dev.leadpact.reporting.lead;

import dev.leadpact.reporting.facts.Activity;
import dev.leadpact.reporting.facts.Deal;
import dev.leadpact.reporting.facts.SlaRecord;
import dev.leadpact.reporting.facts.Touchpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Loads lead histories, a bounded number of lead ids per query. */
@ApplicationScoped
public class LeadHistories {
    private static final int CHUNK = 500;

    private final EntityManager em;

    LeadHistories(EntityManager em) {
        this.em = em;
    }

    /**
     * Distinct lead ids of the rows of {@code entity} (alias {@code e}) that match {@code where}, a
     * JPQL condition with positional parameters; only ids travel, the histories load the rest.
     */
    public List<String> leadIds(Class<?> entity, String where, Object... parameters) {
        TypedQuery<String> query = em.createQuery(
                "select distinct e.leadId from " + entity.getSimpleName() + " e where " + where, String.class);
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query.getResultList();
    }

    public Map<String, LeadHistory> load(Collection<String> leadIds) {
        Map<String, LeadHistory> result = new HashMap<>();
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(leadIds));
        for (int i = 0; i < ids.size(); i += CHUNK) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + CHUNK));
            Map<String, List<Touchpoint>> touches = group(Touchpoint.list("leadId in ?1", chunk), t -> t.leadId);
            Map<String, List<Activity>> activities = group(Activity.list("leadId in ?1", chunk), a -> a.leadId);
            Map<String, List<Deal>> deals = group(Deal.list("leadId in ?1", chunk), d -> d.leadId);
            Map<String, List<SlaRecord>> sla = group(SlaRecord.list("leadId in ?1", chunk), s -> s.leadId);
            for (String id : chunk) {
                result.put(
                        id,
                        new LeadHistory(
                                id,
                                touches.getOrDefault(id, List.of()),
                                activities.getOrDefault(id, List.of()),
                                deals.getOrDefault(id, List.of()),
                                sla.getOrDefault(id, List.of())));
            }
        }
        return result;
    }

    public LeadHistory one(String leadId) {
        return load(List.of(leadId)).get(leadId);
    }

    private static <T> Map<String, List<T>> group(List<T> items, Function<T, String> key) {
        Map<String, List<T>> map = new HashMap<>();
        for (T item : items) {
            map.computeIfAbsent(key.apply(item), k -> new ArrayList<>()).add(item);
        }
        return map;
    }
}
