package io.quota.kpi.application;

/** An actual that may not be counted (DESIGN.md section 5); on Kafka it goes to the .dlq with this reason. */
public class ActualRefused extends RuntimeException {
    public ActualRefused(String reason) {
        super(reason);
    }
}
