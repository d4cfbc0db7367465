package io.quota.target.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.quota.contracts.EventJson;
import io.quota.target.domain.SeasonalityProfile;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.Month;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Seasonality profiles: table seasonality_profiles (weights as JSON by month name). */
@ApplicationScoped
public class ProfileStore {
    private static final TypeReference<Map<Month, BigDecimal>> WEIGHTS = new TypeReference<>() {
    };

    @Inject
    Sql sql;

    /** A stored profile with its revision (the ETag). */
    public record Stored(SeasonalityProfile profile, long revision) {
    }

    public Optional<SeasonalityProfile> find(String name) {
        return stored(name).map(Stored::profile);
    }

    public Optional<Stored> stored(String name) {
        return sql.query("select name, weights, revision from seasonality_profiles where name = ?",
                rs -> new Stored(new SeasonalityProfile(rs.getString(1), new TreeMap<>(read(rs.getString(2)))),
                        rs.getLong(3)), name).stream().findFirst();
    }

    /** Creates a profile; false when the name is taken. */
    public boolean insert(SeasonalityProfile p, String actor, Instant at) {
        return sql.update("""
                        insert into seasonality_profiles (name, weights, created_at, created_by) values (?, ?, ?, ?)
                        on conflict (name) do nothing""", p.name(), EventJson.write(p.weights()), at, actor) == 1;
    }

    /** Replaces a profile's weights when its revision is still {@code revision}; false otherwise. */
    public boolean update(SeasonalityProfile p, long revision) {
        return sql.update("update seasonality_profiles set weights = ?, revision = revision + 1 where name = ? and revision = ?",
                EventJson.write(p.weights()), p.name(), revision) == 1;
    }

    public List<Stored> page(int page, int size) {
        return sql.query("select name, weights, revision from seasonality_profiles order by name limit ? offset ?",
                rs -> new Stored(new SeasonalityProfile(rs.getString(1), new TreeMap<>(read(rs.getString(2)))),
                        rs.getLong(3)), size, (long) page * size);
    }

    public long count() {
        return sql.count("select count(*) from seasonality_profiles");
    }

    private static Map<Month, BigDecimal> read(String json) {
        try {
            return EventJson.MAPPER.readValue(json, WEIGHTS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored profile weights are not readable", e);
        }
    }
}
