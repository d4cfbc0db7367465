package io.quota.territory.application;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A boundary condition as clients write it and as it is stored: exactly one of a test
 * ({@code {"attribute":"city","values":["杭州"]}}), {@code {"and":[...]}} or {@code {"or":[...]}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConditionSpec(String attribute, List<String> values, List<ConditionSpec> and, List<ConditionSpec> or) {
    public static ConditionSpec test(String attribute, List<String> values) {
        return new ConditionSpec(attribute, values, null, null);
    }

    public static ConditionSpec allOf(List<ConditionSpec> parts) {
        return new ConditionSpec(null, null, parts, null);
    }

    public static ConditionSpec anyOf(List<ConditionSpec> parts) {
        return new ConditionSpec(null, null, null, parts);
    }
}
