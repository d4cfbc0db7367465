package io.quota.kpi.messaging;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.quota.contracts.EventSchemas;
import io.quota.contracts.InvalidEventException;
import io.quota.contracts.Metric;
import io.quota.contracts.events.ActualRecorded;
import io.quota.platform.messaging.IncomingEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads ActualRecorded cheaply. Validating every record against its JSON Schema was the largest cost of ingest
 * (a tree per record walked by a generic validator), so a record is first read in one streaming pass that checks
 * the schema's rules by hand, and only a record this pass is not sure of goes through the full reader
 * ({@link IncomingEvents#read}): it either passes there too or is refused with the schema's own reason. The pass
 * is never more lenient than the schema: anything unusual (a duplicated field, a number where a string is due,
 * an offset-less time) is "not sure", so the outcome for every record is exactly the full reader's.
 */
final class ActualRecordReader {
    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,18}(\\.[0-9]{1,6})?");
    private static final Pattern PERCENT = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,4})?");
    private static final Pattern UNIT = Pattern.compile("[A-Z]{3}|COUNT|RATIO");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");
    private static final Pattern DATE_TIME = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,64}");
    private static final Set<String> CUSTOMER_TYPES = Set.of("B2B", "B2C");
    private static final Set<String> CHANNELS =
            Set.of("ONLINE_STORE", "WEBSITE", "SOCIAL", "RETAIL_STORE", "DISTRIBUTOR", "DIRECT");

    /** The record as an event, or {@link InvalidEventException} with the reason (as {@link IncomingEvents#read}). */
    static ActualRecorded read(ConsumerRecord<String, String> record) {
        String ceType = IncomingEvents.header(record, "ce_type");
        if ((ceType == null || EventSchemas.byCeType(ceType).filter(ActualRecorded.class::equals).isPresent())
                && record.value() != null) {
            ActualRecorded fast = quick(record.value());
            if (fast != null) {
                return fast;
            }
        }
        return IncomingEvents.read(record, ActualRecorded.class);
    }

    /** The event if the payload surely satisfies the schema, else null (let the full reader decide). */
    static ActualRecorded quick(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            return object(p);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static ActualRecorded object(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return null;
        }
        UUID eventId = null, reversalOf = null;
        Instant occurredAt = null;
        Integer schemaVersion = null;
        Metric metric = null;
        BigDecimal value = null;
        LocalDate businessDate = null;
        String unit = null, accountId = null, territoryId = null, repId = null, industry = null, customerType = null,
                productLine = null, channel = null, source = null;
        List<ActualRecorded.Credit> credits = null;
        Boolean adjustment = null;
        int seen = 0;
        for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
            if (t != JsonToken.FIELD_NAME) {
                return null;
            }
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int bit = switch (name) {
                case "eventId" -> 1;
                case "occurredAt" -> 1 << 1;
                case "schemaVersion" -> 1 << 2;
                case "metric" -> 1 << 3;
                case "value" -> 1 << 4;
                case "unit" -> 1 << 5;
                case "businessDate" -> 1 << 6;
                case "accountId" -> 1 << 7;
                case "territoryId" -> 1 << 8;
                case "repId" -> 1 << 9;
                case "industry" -> 1 << 10;
                case "customerType" -> 1 << 11;
                case "productLine" -> 1 << 12;
                case "channel" -> 1 << 13;
                case "source" -> 1 << 14;
                case "reversalOf" -> 1 << 15;
                case "credits" -> 1 << 16;
                case "adjustment" -> 1 << 17;
                default -> 0;
            };
            if (bit == 0) {
                p.skipChildren(); // schemas only grow: a field we do not know is allowed
                continue;
            }
            if ((seen & bit) != 0) {
                return null; // a repeated field: the full reader decides which one counts
            }
            seen |= bit;
            boolean isNull = v == JsonToken.VALUE_NULL;
            String text = v == JsonToken.VALUE_STRING ? p.getText() : null;
            switch (name) {
                case "eventId" -> eventId = uuid(text);
                case "occurredAt" -> occurredAt = text != null && DATE_TIME.matcher(text).matches()
                        ? OffsetDateTime.parse(text).toInstant() : null;
                case "schemaVersion" -> schemaVersion = v == JsonToken.VALUE_NUMBER_INT && p.getIntValue() >= 1
                        && p.getNumberType() == JsonParser.NumberType.INT ? p.getIntValue() : null;
                case "metric" -> metric = text == null ? null : Metric.valueOf(text);
                case "value" -> value = text != null && DECIMAL.matcher(text).matches() ? new BigDecimal(text) : null;
                case "unit" -> unit = text != null && UNIT.matcher(text).matches() ? text : null;
                case "businessDate" -> businessDate = text != null && DATE.matcher(text).matches()
                        ? LocalDate.parse(text) : null;
                case "accountId" -> accountId = id(text);
                case "territoryId" -> territoryId = id(text);
                case "repId" -> repId = id(text);
                case "industry" -> industry = id(text);
                case "customerType" -> customerType = text != null && CUSTOMER_TYPES.contains(text) ? text : null;
                case "productLine" -> productLine = id(text);
                case "channel" -> channel = text != null && CHANNELS.contains(text) ? text : null;
                case "source" -> source = text != null && text.codePointCount(0, text.length()) <= 100 ? text : null;
                case "reversalOf" -> reversalOf = uuid(text);
                case "credits" -> credits = isNull ? null : credits(p);
                case "adjustment" -> adjustment = v == JsonToken.VALUE_TRUE ? Boolean.TRUE
                        : v == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
                default -> throw new IllegalStateException(name);
            }
            // a field given but not read above broke its rule (or is null where null is not allowed)
            boolean nullable = bit >= (1 << 7);
            boolean read = switch (name) {
                case "eventId" -> eventId != null;
                case "occurredAt" -> occurredAt != null;
                case "schemaVersion" -> schemaVersion != null;
                case "metric" -> metric != null;
                case "value" -> value != null;
                case "unit" -> unit != null;
                case "businessDate" -> businessDate != null;
                case "accountId" -> accountId != null;
                case "territoryId" -> territoryId != null;
                case "repId" -> repId != null;
                case "industry" -> industry != null;
                case "customerType" -> customerType != null;
                case "productLine" -> productLine != null;
                case "channel" -> channel != null;
                case "source" -> source != null;
                case "reversalOf" -> reversalOf != null;
                case "credits" -> credits != null;
                default -> adjustment != null;
            };
            if (!read && !(nullable && isNull)) {
                return null;
            }
        }
        if (p.nextToken() != null || (seen & 0x7f) != 0x7f || (accountId == null && territoryId == null)) {
            return null; // trailing content, a required field missing, or neither an account nor a territory
        }
        return new ActualRecorded(eventId, occurredAt, schemaVersion, metric, value, unit, businessDate, accountId,
                territoryId, repId, industry, customerType, productLine, channel, source, reversalOf, credits,
                adjustment);
    }

    /** 1 to 20 objects holding exactly repId and percent; null when any breaks the rule. */
    private static List<ActualRecorded.Credit> credits(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            return null;
        }
        List<ActualRecorded.Credit> credits = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            if (t != JsonToken.START_OBJECT) {
                return null;
            }
            String repId = null, percent = null;
            int fields = 0;
            for (JsonToken f = p.nextToken(); f != JsonToken.END_OBJECT; f = p.nextToken()) {
                String name = p.currentName();
                if (p.nextToken() != JsonToken.VALUE_STRING) {
                    return null;
                }
                fields++;
                if (name.equals("repId")) {
                    repId = id(p.getText());
                } else if (name.equals("percent") && PERCENT.matcher(p.getText()).matches()) {
                    percent = p.getText();
                } else {
                    return null;
                }
            }
            if (fields != 2 || repId == null || percent == null) {
                return null;
            }
            credits.add(new ActualRecorded.Credit(repId, new BigDecimal(percent)));
        }
        return credits.isEmpty() || credits.size() > 20 ? null : credits;
    }

    private static UUID uuid(String text) {
        return text != null && UUID_TEXT.matcher(text).matches() ? UUID.fromString(text) : null;
    }

    private static String id(String text) {
        return text != null && ID.matcher(text).matches() ? text : null;
    }

    private ActualRecordReader() {
    }
}
