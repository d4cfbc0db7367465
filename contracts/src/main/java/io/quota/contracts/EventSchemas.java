package io.quota.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.quota.contracts.events.AccountAssignmentChanged;
import io.quota.contracts.events.ActualRecorded;
import io.quota.contracts.events.AttainmentChanged;
import io.quota.contracts.events.DriftDetected;
import io.quota.contracts.events.DriftResolved;
import io.quota.contracts.events.NotificationDelivered;
import io.quota.contracts.events.PlanPublished;
import io.quota.contracts.events.PlanWithdrawn;
import io.quota.contracts.events.RepAssignmentChanged;
import io.quota.contracts.events.TargetAllocated;
import io.quota.contracts.events.TerritoryChanged;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type, its JSON Schema (schemas/NAME.schema.json) and its CloudEvents type. */
public final class EventSchemas {
    public static final List<Class<? extends QuotaEvent>> TYPES = List.of(PlanPublished.class, PlanWithdrawn.class,
            TargetAllocated.class, ActualRecorded.class, TerritoryChanged.class, AccountAssignmentChanged.class,
            RepAssignmentChanged.class, AttainmentChanged.class, DriftDetected.class, DriftResolved.class,
            NotificationDelivered.class);

    private static final Map<String, Class<? extends QuotaEvent>> BY_NAME = TYPES.stream()
            .collect(Collectors.toUnmodifiableMap(Class::getSimpleName, Function.identity()));
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<Class<?>, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    public static String resource(Class<? extends QuotaEvent> type) {
        return "schemas/" + type.getSimpleName() + ".schema.json";
    }

    /** The event class named by a CloudEvents type such as quota.DriftDetected.v1. */
    public static Optional<Class<? extends QuotaEvent>> byCeType(String ceType) {
        if (ceType == null || !ceType.startsWith("quota.")) {
            return Optional.empty();
        }
        int dot = ceType.lastIndexOf(".v");
        return Optional.ofNullable(BY_NAME.get(ceType.substring("quota.".length(), dot < 0 ? ceType.length() : dot)));
    }

    public static Set<String> errors(Class<? extends QuotaEvent> type, JsonNode json) {
        return schema(type).validate(json).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
    }

    public static void requireValid(Class<? extends QuotaEvent> type, JsonNode json) {
        Set<String> errors = errors(type, json);
        if (!errors.isEmpty()) {
            throw new InvalidEventException(type.getSimpleName() + " breaks its schema: "
                    + errors.stream().sorted().collect(Collectors.joining("; ")));
        }
    }

    private static JsonSchema schema(Class<? extends QuotaEvent> type) {
        return SCHEMAS.computeIfAbsent(type, t -> {
            try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource(type))) {
                if (in == null) {
                    throw new IllegalStateException("missing schema " + resource(type));
                }
                return FACTORY.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private EventSchemas() {
    }
}
