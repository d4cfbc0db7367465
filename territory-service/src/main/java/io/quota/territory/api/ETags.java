package io.quota.territory.api;

import io.quota.platform.problem.ProblemException;
import jakarta.ws.rs.core.EntityTag;

/** ETag = the resource's version; a PUT names the version it read in If-Match. */
final class ETags {
    static EntityTag of(long version) {
        return new EntityTag(Long.toString(version));
    }

    static long expected(String ifMatch, String what) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "Precondition required", "a change of a " + what
                    + " needs If-Match with the ETag it read, e.g. If-Match: \"3\"", "If-Match");
        }
        String tag = ifMatch.strip();
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        if (tag.matches("[0-9]{1,18}")) {
            return Long.parseLong(tag);
        }
        throw ProblemException.badRequest("If-Match", "If-Match must be one ETag of this " + what + ", e.g. \"3\"");
    }

    private ETags() {
    }
}
