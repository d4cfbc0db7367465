package io.quota.target.domain;

import io.quota.contracts.Dimension;
import io.quota.contracts.NodeKey;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/** A node of the decomposition tree: the members chosen so far (one per dimension) and a period. */
public record Node(SortedMap<Dimension, String> members, Period period) {
    public Node {
        members = Collections.unmodifiableSortedMap(new TreeMap<>(members));
    }

    public static Node root(Period period) {
        return new Node(new TreeMap<>(), period);
    }

    public Node with(Dimension dimension, String member) {
        SortedMap<Dimension, String> more = new TreeMap<>(members);
        more.put(dimension, member);
        return new Node(more, period);
    }

    public Node within(Period part) {
        return new Node(members, part);
    }

    public NodeKey key(String planId) {
        return new NodeKey(planId, members, period.start(), period.end());
    }
}
