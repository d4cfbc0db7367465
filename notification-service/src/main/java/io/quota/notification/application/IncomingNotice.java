package io.quota.notification.application;

import io.quota.contracts.DriftState;
import io.quota.contracts.EventJson;
import io.quota.contracts.InvalidEventException;
import io.quota.contracts.NodeKey;
import io.quota.contracts.QuotaEvent;
import io.quota.contracts.events.AttainmentChanged;
import io.quota.contracts.events.DriftDetected;
import io.quota.contracts.events.DriftResolved;
import io.quota.notification.domain.Notice;
import io.quota.notification.domain.NoticeKind;

/**
 * A notice with the event it came from, exactly as it arrived (the generic webhook carries that event as its data,
 * and a digest is rendered again from its members' stored events), and the W3C traceparent of the span that took it
 * in (null when unknown), which its deliveries keep so each attempt continues the event's trace.
 */
public record IncomingNotice(Notice notice, QuotaEvent event, String rawJson, String traceparent) {

    /** The same notice, taken in within the trace {@code traceparent} names. */
    public IncomingNotice withTrace(String traceparent) {
        return new IncomingNotice(notice, event, rawJson, traceparent);
    }

    /** A DriftDetected or DriftResolved; anything else does not belong on the drift topic. */
    public static IncomingNotice ofDrift(QuotaEvent event, String rawJson) {
        try {
            Notice notice;
            if (event instanceof DriftDetected d) {
                notice = new Notice(NoticeKind.DRIFT_DETECTED, d.eventId(), d.occurredAt(), NodeKey.parse(d.nodeKey()),
                        d.planVersion(), d.metric(), d.unit(), d.state(), d.previousState(), d.figures(), null);
            } else if (event instanceof DriftResolved r) {
                notice = new Notice(NoticeKind.DRIFT_RESOLVED, r.eventId(), r.occurredAt(), NodeKey.parse(r.nodeKey()),
                        r.planVersion(), r.metric(), r.unit(), DriftState.ON_TRACK, r.previousState(), r.figures(),
                        null);
            } else {
                throw new InvalidEventException(event.ceType() + " does not belong on the drift topic");
            }
            return new IncomingNotice(notice, event, rawJson, null);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidEventException("bad drift event: " + e.getMessage(), e);
        }
    }

    /** A node of an AttainmentChanged that reached {@code milestone} percent. */
    public static IncomingNotice ofMilestone(AttainmentChanged a, NodeKey node, String rawJson, int milestone) {
        return new IncomingNotice(new Notice(NoticeKind.MILESTONE, a.eventId(), a.occurredAt(), node, a.planVersion(),
                a.metric(), a.unit(), null, null, a.figures(), milestone), a, rawJson, null);
    }

    /** A stored member of a digest, read back as it arrived. */
    public static IncomingNotice restore(String eventType, String rawJson, Integer milestone) {
        if (eventType.equals(ceType(AttainmentChanged.class))) {
            AttainmentChanged a = EventJson.read(rawJson, AttainmentChanged.class);
            return ofMilestone(a, NodeKey.parse(a.nodeKey()), rawJson, milestone);
        }
        Class<? extends QuotaEvent> type = eventType.equals(ceType(DriftResolved.class)) ? DriftResolved.class
                : DriftDetected.class;
        return ofDrift(EventJson.read(rawJson, type), rawJson);
    }

    private static String ceType(Class<?> type) {
        return "quota." + type.getSimpleName() + ".v1";
    }
}
