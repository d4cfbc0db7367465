package io.quota.territory.api;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.quota.territory.application.SubtreeEntry;
import io.quota.territory.application.TerritoryView;

/** One territory of a subtree, flat: its depth below the subtree's root, then its fields. */
public record SubtreeItem(int depth, @JsonUnwrapped TerritoryView territory) {
    static SubtreeItem of(SubtreeEntry e) {
        return new SubtreeItem(e.depth(), e.territory());
    }
}
