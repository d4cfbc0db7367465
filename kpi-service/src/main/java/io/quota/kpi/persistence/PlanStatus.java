package io.quota.kpi.persistence;

/** Life of a plan version in kpi-service: only an ACTIVE version is shown and evaluated. */
public enum PlanStatus {
    PENDING, ACTIVE, SUPERSEDED, WITHDRAWN
}
