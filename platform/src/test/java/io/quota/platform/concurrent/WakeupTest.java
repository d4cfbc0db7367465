package io.quota.platform.concurrent;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

class WakeupTest {
    @Test
    void aWakeWhileTheLoopIsBusyIsRememberedSoTheNextWaitReturnsAtOnce() {
        Wakeup wakeup = new Wakeup();
        wakeup.wake();
        long start = System.nanoTime();
        assertTrue(wakeup.await(60_000));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "the remembered wake was lost");
    }

    @Test
    void aWaitingLoopIsWokenByAnotherThread() throws Exception {
        Wakeup wakeup = new Wakeup();
        long start = System.nanoTime();
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> wakeup.await(60_000));
        while (!waiting.isDone()) {
            wakeup.wake();
            Thread.onSpinWait();
        }
        assertTrue(waiting.get(30, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "the wait ran out instead of waking");
    }
}
