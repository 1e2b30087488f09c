package dev.leadpact.monitor.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leadpact.monitor.rules.PolicyVersions;
import dev.leadpact.policy.PolicyBook;
import dev.leadpact.policy.PolicyReach;
import dev.leadpact.policy.SlaPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;

/**
 * The policy versions the monitor has run with ({@code sla_policy_version}). A version's settings
 * are fixed once it has been in force, as a migration's are: a start with other settings under the
 * same version stops with an error that names the policy, so that episodes pinned to it keep the
 * rules they started under.
 */
@ApplicationScoped
public class PolicyStore {
    /** A stored version: when it came into force, and for OPEN_EPISODES versions whether the re-plan finished. */
    public record StoredVersion(SlaPolicy policy, OffsetDateTime firstInForceAt, OffsetDateTime replannedAt) {}

    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;

    PolicyStore(EntityManager em, ObjectMapper json, Clock clock) {
        this.em = em;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Records the versions of {@code current} not stored yet and returns every stored version with
     * them.
     *
     * @throws IllegalStateException when a stored version has other settings than {@code current}
     */
    @Transactional
    public PolicyVersions record(PolicyBook current) {
        Map<String, StoredVersion> stored = load();
        List<String> changed = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO sla_policy_version (policy_id, version, definition, applies_to, first_in_force_at)"
                            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                for (SlaPolicy policy : current.all()) {
                    StoredVersion before = stored.get(policy.versionedId());
                    if (before != null) {
                        if (!PolicyDefinition.of(before.policy()).equals(PolicyDefinition.of(policy))) {
                            changed.add(policy.versionedId() + " (in force since " + before.firstInForceAt()
                                    + ": " + PolicyDefinition.of(before.policy()) + "; now: "
                                    + PolicyDefinition.of(policy) + ")");
                        }
                        continue;
                    }
                    insert.setString(1, policy.id());
                    insert.setInt(2, policy.version());
                    insert.setString(3, write(PolicyDefinition.of(policy)));
                    insert.setString(4, policy.appliesTo().name());
                    insert.setObject(5, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
        if (!changed.isEmpty()) {
            throw new IllegalStateException("SLA policy settings changed without a new version: "
                    + String.join("; ", changed)
                    + ". Episodes pinned to a version keep its rules: give the changed policy a new version"
                    + " (leadpact.sla.policies.<key>.version).");
        }
        List<SlaPolicy> all = new ArrayList<>();
        load().values().forEach(v -> all.add(v.policy()));
        return PolicyVersions.of(current, all);
    }

    /** Every stored version by {@code id@version}. */
    @Transactional
    public Map<String, StoredVersion> load() {
        Map<String, StoredVersion> out = new LinkedHashMap<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                            "SELECT policy_id, version, definition, first_in_force_at, replanned_at"
                                    + " FROM sla_policy_version ORDER BY policy_id, version");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    SlaPolicy policy = read(rs.getString(3)).toPolicy(rs.getString(1), rs.getInt(2));
                    out.put(
                            policy.versionedId(),
                            new StoredVersion(
                                    policy,
                                    rs.getObject(4, OffsetDateTime.class),
                                    rs.getObject(5, OffsetDateTime.class)));
                }
            }
        });
        return out;
    }

    /** The current versions that reach open episodes and whose re-plan has not finished. */
    @Transactional
    public List<SlaPolicy> awaitingReplan(PolicyBook current) {
        Map<String, StoredVersion> stored = load();
        List<SlaPolicy> out = new ArrayList<>();
        for (SlaPolicy policy : current.all()) {
            StoredVersion v = stored.get(policy.versionedId());
            if (policy.appliesTo() == PolicyReach.OPEN_EPISODES && v != null && v.replannedAt() == null) {
                out.add(policy);
            }
        }
        return out;
    }

    @Transactional
    public void replanned(List<SlaPolicy> policies) {
        for (SlaPolicy policy : policies) {
            em.createNativeQuery("UPDATE sla_policy_version SET replanned_at = :at WHERE policy_id = :id"
                            + " AND version = :version AND replanned_at IS NULL")
                    .setParameter("at", OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                    .setParameter("id", policy.id())
                    .setParameter("version", policy.version())
                    .executeUpdate();
        }
    }

    private String write(PolicyDefinition definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise policy " + definition, e);
        }
    }

    private PolicyDefinition read(String stored) {
        try {
            return json.readValue(stored, PolicyDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored policy version is unreadable: " + stored, e);
        }
    }
}
