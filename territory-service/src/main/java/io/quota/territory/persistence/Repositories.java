package io.quota.territory.persistence;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** Plain Panache repositories of the planning entities. */
public final class Repositories {
    @ApplicationScoped
    public static class Models implements PanacheRepositoryBase<TerritoryModelEntity, String> {
        public java.util.Optional<TerritoryModelEntity> active() {
            return find("status", "ACTIVE").firstResultOptional();
        }
    }

    @ApplicationScoped
    public static class Accounts implements PanacheRepositoryBase<AccountEntity, String> {
    }

    @ApplicationScoped
    public static class Reps implements PanacheRepositoryBase<RepEntity, String> {
    }

    @ApplicationScoped
    public static class RepAssignments implements PanacheRepositoryBase<RepAssignmentEntity, Long> {
        public java.util.List<RepAssignmentEntity> ofTerritory(String territoryId) {
            return list("territoryId = ?1 order by effectiveFrom, id", territoryId);
        }

        public java.util.List<RepAssignmentEntity> ofRep(String repId) {
            return list("repId = ?1 order by effectiveFrom, id", repId);
        }

        public java.util.List<RepAssignmentEntity> coversFor(String repId) {
            return list("coverFor = ?1 order by effectiveFrom, id", repId);
        }
    }

    private Repositories() {
    }
}
