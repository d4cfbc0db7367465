package io.quota.platform.messaging;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;

/** Runs before the transaction interceptor, so every attempt is a fresh transaction. */
@RetryTransient
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class RetryTransientInterceptor {
    private static final Logger LOG = Logger.getLogger(RetryTransientInterceptor.class);

    @ConfigProperty(name = "quota.consumer.retry.attempts", defaultValue = "20")
    int attempts;

    @ConfigProperty(name = "quota.consumer.retry.first", defaultValue = "PT0.1S")
    Duration first;

    @ConfigProperty(name = "quota.consumer.retry.longest", defaultValue = "PT30S")
    Duration longest;

    @AroundInvoke
    Object retry(InvocationContext context) throws Exception {
        return TransientFailures.retry(context::proceed, attempts, first, longest, wait -> {
            LOG.warnf("%s failed transiently, retrying in %s", context.getMethod().getName(), wait);
            Thread.sleep(wait.toMillis());
        });
    }
}
