package io.quota.notification.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quota.contracts.Dimension;
import io.quota.contracts.DriftState;
import io.quota.contracts.EventJson;
import io.quota.contracts.InvalidEventException;
import io.quota.contracts.NodeKey;
import io.quota.contracts.QuotaEvent;
import io.quota.contracts.events.DriftDetected;
import io.quota.contracts.events.DriftResolved;
import io.quota.notification.domain.DriftSummary;
import io.quota.notification.domain.SummaryLocale;

/**
 * A drift event as a webhook body: a CloudEvents 1.0 structured-mode JSON whose {@code data} is the event exactly
 * as it came from Kafka, plus the extension attribute {@code quotasummary}, the human line in the subscriber's
 * language (extension names are lowercase alphanumerics only).
 */
public final class DriftNotification {
    public static final String SOURCE = "quota/kpi-service";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    private final QuotaEvent event;
    private final JsonNode data;
    private final DriftSummary.Drift drift;

    private DriftNotification(QuotaEvent event, JsonNode data, DriftSummary.Drift drift) {
        this.event = event;
        this.data = data;
        this.drift = drift;
    }

    /** Reads a parsed drift event with its raw JSON; anything but DriftDetected / DriftResolved is not for us. */
    public static DriftNotification of(QuotaEvent event, String rawJson) {
        DriftSummary.Drift drift;
        try {
            if (event instanceof DriftDetected d) {
                drift = new DriftSummary.Drift(NodeKey.parse(d.nodeKey()), d.metric(), d.state(), d.previousState(),
                        d.figures().pace());
            } else if (event instanceof DriftResolved r) {
                drift = new DriftSummary.Drift(NodeKey.parse(r.nodeKey()), r.metric(), DriftState.ON_TRACK,
                        r.previousState(), r.figures().pace());
            } else {
                throw new InvalidEventException(event.ceType() + " does not belong on the drift topic");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("bad node key: " + e.getMessage(), e);
        }
        try {
            return new DriftNotification(event, EventJson.MAPPER.readTree(rawJson), drift);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public QuotaEvent event() {
        return event;
    }

    public String planId() {
        return drift.node().planId();
    }

    /** The node's territory member; null for a node that names none (a roll-up across territories). */
    public String territoryId() {
        return drift.node().member(Dimension.TERRITORY);
    }

    /** The body sent to one subscriber (and signed as it is). */
    public String render(SummaryLocale locale) {
        ObjectNode body = EventJson.MAPPER.createObjectNode();
        body.put("specversion", "1.0");
        body.put("id", event.eventId().toString());
        body.put("type", event.ceType());
        body.put("source", SOURCE);
        body.put("subject", event.ceSubject());
        // the producer's own spelling of the instant, as in data
        body.put("time", data.path("occurredAt").asText(event.occurredAt().toString()));
        body.put("datacontenttype", "application/json");
        body.put("quotasummary", DriftSummary.of(drift, locale));
        body.set("data", data);
        try {
            return EventJson.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }
}
