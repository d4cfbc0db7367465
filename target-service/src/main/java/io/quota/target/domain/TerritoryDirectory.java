package io.quota.target.domain;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The territories a plan may name; implemented by the local replica of quota.territories.v1. */
public interface TerritoryDirectory {

    /** The known territories among {@code ids}, by id; unknown ids are absent. */
    Map<String, Territory> find(Collection<String> ids);

    /** Ids of every territory that can carry a target (ACTIVE, not a REGION), ascending. */
    List<String> targetCarrying();
}
