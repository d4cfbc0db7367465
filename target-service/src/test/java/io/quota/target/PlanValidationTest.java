package io.quota.target;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.infra.QuotaInfraResource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.stream.Stream;

import static io.quota.target.Callers.asPlanner;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Bad input is a 4xx application/problem+json naming the offending field; nothing is stored. */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_target"))
class PlanValidationTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    DataSource ds;

    private static boolean replicated;

    /** A valid plan over VAL-EAST and VAL-WEST; each case breaks one thing. */
    static final String VALID = """
            {"id":"VAL-PLAN","name":"FY2027 revenue","taskType":"NEW_BUSINESS","metric":"REVENUE","unit":"CNY",
             "periodStart":"2027-03-01","periodEnd":"2027-05-31","timeZone":"Asia/Shanghai","total":"300000.00",
             "levels":[{"dimension":"TERRITORY","method":"EQUAL","members":["VAL-EAST","VAL-WEST"]},
                       {"dimension":"TIME","granularity":"MONTH","method":"EQUAL"}]}""";
    static final String TERRITORY_LEVEL = "{\"dimension\":\"TERRITORY\",\"method\":\"EQUAL\",\"members\":[\"VAL-EAST\",\"VAL-WEST\"]}";
    static final String TIME_LEVEL = "{\"dimension\":\"TIME\",\"granularity\":\"MONTH\",\"method\":\"EQUAL\"}";

    static String ids(String prefix, int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(prefix).append(i).append('"');
        }
        return sb.append(']').toString();
    }

    static String levels(String... levels) {
        return VALID.substring(0, VALID.indexOf("\"levels\":")) + "\"levels\":[" + String.join(",", levels) + "]}";
    }

    @BeforeEach
    void territories() {
        if (!replicated) {
            Instant now = Instant.now();
            Infra.replicate(bootstrap, ds,
                    Infra.territory("VAL-CN", null, "REGION", "ACTIVE", now),
                    Infra.territory("VAL-EAST", "VAL-CN", "GEOGRAPHIC", "ACTIVE", now),
                    Infra.territory("VAL-WEST", "VAL-CN", "GEOGRAPHIC", "ACTIVE", now),
                    Infra.territory("VAL-OLD", "VAL-CN", "GEOGRAPHIC", "ARCHIVED", now));
            replicated = true;
        }
    }

    static Stream<Arguments> badPlans() {
        return Stream.of(
                // bounds of the input: 400
                arguments("name missing", VALID.replace("\"name\":\"FY2027 revenue\",", ""), 400, "name"),
                arguments("negative total", VALID.replace("\"300000.00\"", "\"-1.00\""), 400, "total"),
                arguments("total beyond 18 digits", VALID.replace("\"300000.00\"", "\"1234567890123456789.00\""), 400, "total"),
                arguments("total not a number", VALID.replace("\"300000.00\"", "\"lots\""), 400, "total"),
                arguments("unit not a code", VALID.replace("\"CNY\"", "\"cny\""), 400, "unit"),
                arguments("bad plan id", VALID.replace("VAL-PLAN", "no spaces allowed"), 400, "id"),
                arguments("bad date", VALID.replace("2027-03-01", "2027-13-01"), 400, "periodStart"),
                arguments("unknown field", VALID.replace("\"name\"", "\"colour\":\"red\",\"name\""), 400, "colour"),
                arguments("unknown metric", VALID.replace("\"REVENUE\"", "\"SMILES\""), 400, "metric"),
                arguments("empty levels", levels(), 400, "levels"),
                arguments("level without dimension", levels("{\"method\":\"EQUAL\"}", TIME_LEVEL), 400, "levels[0].dimension"),
                arguments("unknown dimension", levels("{\"dimension\":\"GALAXY\",\"method\":\"EQUAL\"}", TIME_LEVEL), 400,
                        "levels[0].dimension"),
                arguments("level without method", levels(TERRITORY_LEVEL, "{\"dimension\":\"TIME\",\"granularity\":\"MONTH\"}"),
                        400, "levels[1].method"),
                // planning rules: 422
                arguments("period ends before it starts", VALID.replace("\"2027-05-31\"", "\"2027-02-28\""), 422, "periodEnd"),
                arguments("period over five years", VALID.replace("\"2027-05-31\"", "\"2032-03-01\""), 422, "periodEnd"),
                arguments("more decimals than the currency", VALID.replace("\"300000.00\"", "\"300000.001\""), 422, "total"),
                arguments("yen has no decimals", VALID.replace("\"CNY\"", "\"JPY\""), 422, "total"),
                arguments("unknown currency", VALID.replace("\"CNY\"", "\"XYZ\""), 422, "unit"),
                arguments("derived metric split by weights", levels(
                        "{\"dimension\":\"TERRITORY\",\"method\":\"WEIGHTS\",\"weights\":{\"VAL-EAST\":\"1\"}}", TIME_LEVEL)
                        .replace("\"REVENUE\"", "\"CONVERSION_RATE\"").replace("\"CNY\"", "\"RATIO\"")
                        .replace("\"300000.00\"", "\"0.25\""), 422, "levels[0].method"),
                arguments("unknown time zone", VALID.replace("Asia/Shanghai", "Mars/Olympus"), 422, "timeZone"),
                arguments("no TIME level", levels(TERRITORY_LEVEL), 422, "levels"),
                arguments("two levels on one dimension", levels(TERRITORY_LEVEL, TERRITORY_LEVEL, TIME_LEVEL), 422,
                        "levels[1].dimension"),
                arguments("POTENTIAL off a territory", levels("{\"dimension\":\"CHANNEL\",\"method\":\"POTENTIAL\",\"members\":[\"DIRECT\"]}", TIME_LEVEL),
                        422, "levels[0].method"),
                arguments("period not aligned to the fiscal quarters", levels(TERRITORY_LEVEL,
                        "{\"dimension\":\"TIME\",\"granularity\":\"QUARTER\",\"method\":\"EQUAL\"}"), 422, "periodStart"),
                arguments("period not aligned to a fiscal year starting in April", VALID.replace(
                        "\"periodStart\":\"2027-03-01\",\"periodEnd\":\"2027-05-31\"", "\"period\":\"2027-03..2027-05\",\"fiscalYearStartMonth\":4")
                        .replace(TIME_LEVEL, "{\"dimension\":\"TIME\",\"granularity\":\"QUARTER\",\"method\":\"EQUAL\"}"), 422, "periodStart"),
                arguments("period not aligned to fiscal years", levels(TERRITORY_LEVEL,
                        "{\"dimension\":\"TIME\",\"granularity\":\"YEAR\",\"method\":\"EQUAL\"}"), 422, "periodStart"),
                arguments("byParent on a method other than HISTORY", levels(TERRITORY_LEVEL,
                        "{\"dimension\":\"PRODUCT_LINE\",\"method\":\"EQUAL\",\"members\":[\"A\"],\"byParent\":true}",
                        TIME_LEVEL), 422, "levels[1].byParent"),
                arguments("bad period", VALID.replace("\"periodStart\":\"2027-03-01\",\"periodEnd\":\"2027-05-31\"",
                        "\"period\":\"2027-Q7\""), 422, "period"),
                arguments("no period", VALID.replace("\"periodStart\":\"2027-03-01\",\"periodEnd\":\"2027-05-31\",", ""), 400, "periodStart"),
                arguments("no total", VALID.replace("\"total\":\"300000.00\",", ""), 400, "total"),
                arguments("unknown channel", levels("{\"dimension\":\"CHANNEL\",\"method\":\"EQUAL\",\"members\":[\"TELEPATHY\"]}", TIME_LEVEL),
                        422, "levels[0].members"),
                arguments("unknown customer type", levels("{\"dimension\":\"CUSTOMER_TYPE\",\"method\":\"EQUAL\",\"members\":[\"B2G\"]}", TIME_LEVEL),
                        422, "levels[0].members"),
                arguments("NaN weight", levels(
                        "{\"dimension\":\"TERRITORY\",\"method\":\"WEIGHTS\",\"weights\":{\"VAL-EAST\":\"NaN\",\"VAL-WEST\":\"3\"}}",
                        TIME_LEVEL), 400, "levels[0].weights.VAL-EAST"),
                arguments("MANUAL amounts missing the parent", levels(
                        "{\"dimension\":\"PRODUCT_LINE\",\"method\":\"MANUAL\",\"amounts\":{\"A\":\"100000.00\",\"B\":\"100000.00\"}}",
                        TIME_LEVEL), 422, "levels[0].amounts"),
                arguments("pin above the parent", levels(TERRITORY_LEVEL,
                        "{\"dimension\":\"PRODUCT_LINE\",\"method\":\"EQUAL\",\"members\":[\"A\",\"B\"],\"pins\":{\"A\":\"150000.01\"}}",
                        TIME_LEVEL), 422, "levels[1].pins"),
                arguments("pin on no member", levels(
                        "{\"dimension\":\"PRODUCT_LINE\",\"method\":\"EQUAL\",\"members\":[\"A\"],\"pins\":{\"Z\":\"1.00\"}}",
                        TIME_LEVEL), 422, "levels[0].pins"),
                arguments("TIME level finer before coarser", levels(TIME_LEVEL,
                        "{\"dimension\":\"TIME\",\"granularity\":\"QUARTER\",\"method\":\"EQUAL\"}"), 422, "levels[1].granularity"),
                arguments("unknown seasonality profile", levels(TERRITORY_LEVEL,
                        "{\"dimension\":\"TIME\",\"granularity\":\"MONTH\",\"method\":\"WEIGHTS\",\"profile\":\"NO-SUCH\"}"), 422, "levels[1].profile"),
                arguments("unknown alert level", VALID.replace("\"levels\"", "\"alertLevels\":[\"galaxy\"],\"levels\""), 422, "alertLevels"),
                arguments("more cells than the cap", levels(
                        "{\"dimension\":\"PRODUCT_LINE\",\"method\":\"EQUAL\",\"members\":" + ids("P", 1000) + "}",
                        "{\"dimension\":\"INDUSTRY\",\"method\":\"EQUAL\",\"members\":" + ids("I", 1000) + "}",
                        "{\"dimension\":\"TIME\",\"granularity\":\"DAY\",\"method\":\"EQUAL\"}"), 422, "levels"),
                arguments("unknown member", levels("{\"dimension\":\"TERRITORY\",\"method\":\"EQUAL\",\"members\":[\"VAL-EAST\",\"NOWHERE\"]}",
                        TIME_LEVEL), 422, "levels[0].members"),
                arguments("region as member", levels("{\"dimension\":\"TERRITORY\",\"method\":\"EQUAL\",\"members\":[\"VAL-CN\"]}",
                        TIME_LEVEL), 422, "levels[0].members"),
                arguments("archived member", levels("{\"dimension\":\"TERRITORY\",\"method\":\"EQUAL\",\"members\":[\"VAL-OLD\"]}",
                        TIME_LEVEL), 422, "levels[0].members"),
                arguments("unknown weighted member", levels(
                        "{\"dimension\":\"TERRITORY\",\"method\":\"WEIGHTS\",\"weights\":{\"VAL-EAST\":\"1\",\"NOWHERE\":\"1\"}}",
                        TIME_LEVEL), 422, "levels[0].weights"),
                arguments("negative weight", levels(
                        "{\"dimension\":\"TERRITORY\",\"method\":\"WEIGHTS\",\"weights\":{\"VAL-EAST\":\"-1\",\"VAL-WEST\":\"3\"}}",
                        TIME_LEVEL), 422, "levels[0].weights"),
                arguments("all weights zero", levels(
                        "{\"dimension\":\"TERRITORY\",\"method\":\"WEIGHTS\",\"weights\":{\"VAL-EAST\":\"0\",\"VAL-WEST\":\"0.00\"}}",
                        TIME_LEVEL), 422, "levels[0].weights"),
                arguments("month weights missing a month", levels(TERRITORY_LEVEL,
                        "{\"dimension\":\"TIME\",\"granularity\":\"MONTH\",\"method\":\"WEIGHTS\",\"weights\":{\"2027-03\":\"1\"}}"),
                        422, "levels[1].weights"),
                arguments("bad drift policy", VALID.replace("\"levels\"", "\"driftPolicy\":{\"criticalBelow\":\"0.95\"},\"levels\""),
                        422, "driftPolicy.criticalBelow"),
                arguments("calendar without working days", VALID.replace("\"levels\"",
                        "\"calendar\":{\"workingDays\":[]},\"levels\""), 422, "calendar.workingDays"),
                arguments("holiday in the year 9999", VALID.replace("\"levels\"",
                        "\"calendar\":{\"workingDays\":[\"MONDAY\"],\"holidays\":[\"9999-01-01\"]},\"levels\""),
                        422, "calendar.holidays"),
                arguments("extra working day before 1970", VALID.replace("\"levels\"",
                        "\"calendar\":{\"workingDays\":[\"MONDAY\"],\"extraWorkingDays\":[\"1969-12-31\"]},\"levels\""),
                        422, "calendar.extraWorkingDays"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPlans")
    void aBadPlanIsAProblemNamingTheField(String why, String body, int status, String field) {
        asPlanner().contentType(ContentType.JSON).body(body).post("/api/plans").then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("field", equalTo(field))
                .body("detail", notNullValue());
        asPlanner().get("/api/plans/VAL-PLAN").then().statusCode(404);
    }

    @Test
    void theValidPlanItselfIsAccepted() {
        asPlanner().contentType(ContentType.JSON).body(VALID.replace("VAL-PLAN", "VAL-OK")).post("/api/plans").then()
                .statusCode(201);
    }

    @Test
    void badReadsAreProblemsToo() {
        asPlanner().get("/api/plans/NO-SUCH-PLAN").then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("NO-SUCH-PLAN"));
        asPlanner().contentType(ContentType.JSON).body(VALID.replace("VAL-PLAN", "VAL-READS")).post("/api/plans").then()
                .statusCode(201);
        asPlanner().get("/api/plans/VAL-READS/versions/2/cells").then().statusCode(404).contentType("application/problem+json");
        asPlanner().post("/api/plans/VAL-READS/versions/2/submit").then().statusCode(404).contentType("application/problem+json");
        asPlanner().queryParam("size", 501).get("/api/plans/VAL-READS/versions/1/cells").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("size"));
        asPlanner().queryParam("territory", "not an id").get("/api/plans/VAL-READS/versions/1/cells").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("territory"));
        asPlanner().queryParam("by", "week").get("/api/plans/VAL-READS/versions/1/rollup").then().statusCode(422)
                .contentType("application/problem+json").body("field", equalTo("by"));
        asPlanner().queryParam("by", "galaxy").get("/api/plans/VAL-READS/versions/1/rollup").then().statusCode(422)
                .contentType("application/problem+json").body("field", equalTo("by"));
        asPlanner().queryParam("by", "channel").get("/api/plans/VAL-READS/versions/1/rollup").then().statusCode(422)
                .contentType("application/problem+json").body("field", equalTo("by"));
        asPlanner().queryParam("by", "territory;drop").get("/api/plans/VAL-READS/versions/1/rollup").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("by"));
        asPlanner().queryParam("from", "1").queryParam("to", "9").get("/api/plans/VAL-READS/diff").then().statusCode(404)
                .contentType("application/problem+json");
        asPlanner().queryParam("from", "1").get("/api/plans/VAL-READS/diff").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("to"));
        asPlanner().get("/api/plans/VAL-READS/versions/1/rollup").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("by"));
        asPlanner().queryParam("page", -1).get("/api/plans").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("page"));
        asPlanner().contentType(ContentType.JSON).header("Idempotency-Key", "k".repeat(201)).body(VALID)
                .post("/api/plans").then().statusCode(400).contentType("application/problem+json")
                .body("field", startsWith("idempotencyKey"));
    }
}
