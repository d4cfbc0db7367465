package io.quota.notification.api;

import java.util.List;

/** One page of a listing: page is 0-based, total counts every match. */
public record PageView<T>(List<T> items, int page, int size, long total) {
}
