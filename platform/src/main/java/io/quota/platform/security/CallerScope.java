package io.quota.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Who is calling and which territories they may see. The token's {@code territories} claim lists the roots of
 * the subtrees in scope; a rep without one sees nothing, anyone else without one sees everything. Services
 * answer an object out of scope exactly like a missing one (404), so scope never leaks existence.
 */
@RequestScoped
public class CallerScope {
    public static final String TERRITORIES_CLAIM = "territories";

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken jwt;

    /** The caller's name for audit trails. */
    public String actor() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** True when no territory restriction applies. */
    public boolean unrestricted() {
        return !identity.isAnonymous() && roots().isEmpty() && !onlyRep();
    }

    /** The roots of the territory subtrees in scope (empty: see {@link #unrestricted()}). */
    public Set<String> roots() {
        if (identity.isAnonymous() || jwt == null || jwt.getRawToken() == null) {
            return Set.of();
        }
        Object claim = jwt.getClaim(TERRITORIES_CLAIM);
        if (claim instanceof Collection<?> values) {
            return values.stream().map(v -> v.toString().replace("\"", "")).collect(java.util.stream.Collectors.toSet());
        }
        if (claim instanceof String single && !single.isBlank()) {
            return Set.of(single);
        }
        if (claim instanceof jakarta.json.JsonString single) {
            return Set.of(single.getString());
        }
        if (claim instanceof jakarta.json.JsonArray array) {
            return array.getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString)
                    .collect(java.util.stream.Collectors.toSet());
        }
        return Set.of();
    }

    /**
     * Whether the territory is inside the caller's scope, given how to walk from a territory to the root of its
     * tree (the service's own replica of the territory tree answers that).
     */
    public boolean allows(String territoryId, Function<String, List<String>> ancestorsAndSelf) {
        if (unrestricted()) {
            return true;
        }
        Set<String> roots = roots();
        return territoryId != null && !roots.isEmpty()
                && ancestorsAndSelf.apply(territoryId).stream().anyMatch(roots::contains);
    }

    /** A rep and nothing that reads more widely: such a caller sees only its scope, and nothing without one. */
    public boolean onlyRep() {
        return identity.hasRole(Roles.REP) && !identity.hasRole(Roles.ADMIN) && !identity.hasRole(Roles.VIEWER)
                && !identity.hasRole(Roles.PLANNER) && !identity.hasRole(Roles.APPROVER)
                && !identity.hasRole(Roles.SERVICE);
    }
}
