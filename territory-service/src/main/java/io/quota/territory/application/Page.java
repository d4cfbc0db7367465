package io.quota.territory.application;

import java.util.List;
import java.util.function.Function;

/** One page of a list, in the shape every Quota list answers with: {"items":[...],"page":0,"size":50,"total":N}. */
public record Page<T>(List<T> items, int page, int size, long total) {
    public <R> Page<R> map(Function<T, R> f) {
        return new Page<>(items.stream().map(f).toList(), page, size, total);
    }
}
