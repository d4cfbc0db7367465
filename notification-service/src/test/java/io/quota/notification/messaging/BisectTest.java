package io.quota.notification.messaging;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BisectTest {

    /** A store that fails, leaving nothing, whenever the batch holds a poison item; otherwise keeps all of it. */
    private static final class Store {
        final Set<Integer> poison;
        final List<Integer> stored = new ArrayList<>();
        int attempts;

        Store(Set<Integer> poison) {
            this.poison = poison;
        }

        void accept(List<Integer> batch) {
            attempts++;
            batch.stream().filter(poison::contains).findFirst().ifPresent(p -> {
                throw new IllegalStateException("cannot store " + p);
            });
            stored.addAll(batch);
        }
    }

    @Property
    void everyGoodItemIsStoredOnceAndEveryPoisonOneIsReportedOnce(@ForAll @IntRange(min = 0, max = 300) int size,
                                                                  @ForAll @Size(max = 5) @UniqueElements
                                                                  List<@IntRange(min = 0, max = 299) Integer> poison) {
        List<Integer> items = IntStream.range(0, size).boxed().toList();
        Store store = new Store(new HashSet<>(poison));
        List<Integer> reported = new ArrayList<>();
        Bisect.store(items, store::accept, (item, failure) -> {
            assertEquals("cannot store " + item, failure.getMessage());
            reported.add(item);
        });
        assertEquals(items.stream().filter(i -> !poison.contains(i)).toList(), store.stored);
        assertEquals(items.stream().filter(poison::contains).toList(), reported);
    }

    @Test
    void aBatchWithoutPoisonIsStoredInOneGo() {
        Store store = new Store(Set.of());
        Bisect.store(List.of(1, 2, 3, 4), store::accept, (item, failure) -> {
            throw new AssertionError("nothing is poison");
        });
        assertEquals(1, store.attempts);
        assertEquals(List.of(1, 2, 3, 4), store.stored);
    }

    @Test
    void onePoisonItemCostsAboutTwoAttemptsPerHalving() {
        Store store = new Store(Set.of(300));
        List<Integer> reported = new ArrayList<>();
        Bisect.store(IntStream.range(0, 512).boxed().toList(), store::accept, (item, failure) -> reported.add(item));
        assertEquals(List.of(300), reported);
        assertEquals(511, store.stored.size());
        assertEquals(1 + 2 * 9, store.attempts, "the whole batch, then two halves at each of 9 levels");
    }
}
