package io.quota.notification.messaging;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Stores a batch as a whole when it can; when the store fails, halves it and tries each half on its own, down to
 * the single item that fails, which is handed to {@code poison} with its failure while every other item is stored.
 * Each store must be all or nothing (one transaction), so a failed attempt leaves no trace.
 */
final class Bisect {
    private Bisect() {
    }

    static <T> void store(List<T> items, Consumer<List<T>> store, BiConsumer<T, RuntimeException> poison) {
        if (items.isEmpty()) {
            return;
        }
        try {
            store.accept(items);
        } catch (RuntimeException e) {
            if (items.size() == 1) {
                poison.accept(items.get(0), e);
                return;
            }
            int half = items.size() / 2;
            store(items.subList(0, half), store, poison);
            store(items.subList(half, items.size()), store, poison);
        }
    }
}
