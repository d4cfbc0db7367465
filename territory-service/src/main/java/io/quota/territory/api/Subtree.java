package io.quota.territory.api;

import java.util.List;

/** A territory and all its descendants, depth first, siblings in id order. */
public record Subtree(String rootId, List<SubtreeItem> items, int total) {
}
