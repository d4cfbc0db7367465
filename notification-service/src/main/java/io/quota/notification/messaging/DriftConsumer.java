package io.quota.notification.messaging;

import io.quota.contracts.InvalidEventException;
import io.quota.notification.application.IncomingNotice;
import io.quota.notification.application.NotificationIntake;
import io.quota.platform.messaging.IncomingEvents;
import io.quota.platform.metrics.DeadLetters;
import io.quota.platform.tracing.Traces;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * quota.drift.v1 (DriftDetected, DriftResolved) -> deliveries, a poll's batch at a time (batch=true):
 * <ol>
 * <li>every record is read and checked on its own; one that cannot be read is nacked alone, which sends it to
 * quota.drift.v1.dlq with its reason (dead-letter-reason) through the channel's dead-letter strategy;</li>
 * <li>the readable rest is stored in one transaction ({@link NotificationIntake#acceptDrifts}, which retries
 * transient failures); should that fail, the batch is halved until the one record that cannot be stored is
 * isolated and dead-lettered, while everything else is stored ({@link Bisect});</li>
 * <li>only when the dead letters are acknowledged does the method return: the batch is acknowledged after it, and
 * its offsets are committed only then (after the database commit).</li>
 * </ol>
 * A repeat (the same event again after a crash, or twice in a batch) stores nothing new: the inbox and the
 * (event, subscription) key are checked in the storing transaction.
 */
@ApplicationScoped
public class DriftConsumer {
    private static final Logger LOG = Logger.getLogger(DriftConsumer.class);

    @Inject
    NotificationIntake intake;
    @Inject
    Traces traces;

    /** A readable record and the notice read from it. */
    private record Read(Message<?> message, ConsumerRecord<String, String> record, IncomingNotice notice) {
    }

    @Incoming("drift")
    @Blocking
    public void onDrifts(ConsumerRecords<String, String> records, IncomingKafkaRecordBatchMetadata<String, String> batch) {
        List<CompletableFuture<Void>> deadLetters = new ArrayList<>();
        List<Read> readable = new ArrayList<>(records.count());
        for (Message<?> message : batch.getBatchedMessages()) {
            ConsumerRecord<String, String> record = record(message);
            // each event continues the trace its record's traceparent header names; its deliveries keep the span
            try (Traces.TraceScope traced = traces.continueFrom(record)) {
                readable.add(new Read(message, record, IncomingNotice.ofDrift(IncomingEvents.readAny(record),
                        record.value()).withTrace(Traces.currentTraceparent())));
            } catch (InvalidEventException e) {
                deadLetters.add(message.nack(e).toCompletableFuture());
            }
        }
        Bisect.store(readable, reads -> intake.acceptDrifts(reads.stream().map(Read::notice).toList()),
                (read, failure) -> {
                    LOG.warnf("drift event at %s-%d@%d dead-lettered: %s", read.record().topic(),
                            read.record().partition(), read.record().offset(), failure.getMessage());
                    DeadLetters.count(read.record().topic(), "not-stored");
                    deadLetters.add(read.message().nack(new InvalidEventException("cannot be stored: "
                            + failure.getMessage(), failure)).toCompletableFuture());
                });
        // the batch's offsets may be committed once this returns: the dead letters must be on their topic first
        CompletableFuture.allOf(deadLetters.toArray(CompletableFuture[]::new)).join();
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, String> record(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> (ConsumerRecord<String, String>) m.getRecord())
                .orElseThrow(() -> new IllegalStateException("not a Kafka record: " + message));
    }
}
