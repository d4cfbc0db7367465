package io.quota.target.api;

import java.util.List;

/** One page of a list: {"items":[...],"page":0,"size":50,"total":N}. */
public record PageView<T>(List<T> items, int page, int size, long total) {
}
