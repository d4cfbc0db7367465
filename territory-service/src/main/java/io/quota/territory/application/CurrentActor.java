package io.quota.territory.application;

import jakarta.enterprise.context.ApplicationScoped;

/** Who is making the change, for createdBy/updatedBy and the audit trail. */
@ApplicationScoped
public class CurrentActor {
    /** Until the security issue adds JWT users, every change is anonymous. */
    public static final String ANONYMOUS = "anonymous";

    public String name() {
        return ANONYMOUS;
    }
}
