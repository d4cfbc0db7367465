package io.quota.territory.application;

import io.quota.platform.problem.ProblemException;
import io.quota.platform.security.CallerScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Who is making the change, for createdBy/updatedBy and the audit trail: the caller's token subject. */
@ApplicationScoped
public class CurrentActor {
    /** The width of the who-columns; OIDC subjects are at most 255 characters. */
    static final int MAX_LENGTH = 255;

    @Inject
    CallerScope caller;

    public String name() {
        String actor = caller.actor();
        if (actor.length() > MAX_LENGTH) {
            throw ProblemException.badRequest("sub", "the token's subject is longer than " + MAX_LENGTH + " characters");
        }
        return actor;
    }
}
