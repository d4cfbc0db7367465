package io.quota.territory.planning;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.infra.QuotaInfraResource;
import io.quota.platform.security.Roles;
import io.quota.territory.application.Tables;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.quota.territory.Callers.as;
import static io.quota.territory.Callers.asPlanner;
import static io.quota.territory.Planning.createModel;
import static io.quota.territory.TestData.uniqueId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Territories, rules, accounts and reps in and out as CSV and XLSX: a file exported and imported again changes
 * nothing; a bad file is 422 listing each bad row and column, and nothing of it is imported.
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_territory"))
class PlanningFilesTest {
    static final List<String> TERRITORY = List.of("id", "parentId", "type", "nameZh", "nameEn", "potential", "status");
    static final List<String> RULE = List.of("ruleId", "territoryId", "priority", "condition");
    static final List<String> ACCOUNT = List.of("id", "name", "province", "city", "postalCode", "industry",
            "customerType", "potential", "currency", "workload");
    static final List<String> REP = List.of("repId", "nameZh", "nameEn", "capacity", "status", "territoryId", "role",
            "effectiveFrom", "effectiveTo", "coverFor", "note");

    @ParameterizedTest
    @EnumSource(Tables.Format.class)
    void theTreeRulesAccountsAndRepsGoOutAndComeBackUnchanged(Tables.Format format) {
        String region = uniqueId("FR");
        String east = uniqueId("FE");
        String west = uniqueId("FW");
        String old = uniqueId("FO");
        // children before their parent in the file: the import orders them
        upload(format, "/api/territories/import", TERRITORY, List.of(
                row(east, region, "GEOGRAPHIC", "华东", "East, China", "88000000.00", "ACTIVE"),
                row(west, region, "INDUSTRY", "西部", null, null, null),
                row(old, region, "SEGMENT", "旧", "old", null, "ARCHIVED"),
                row(region, null, "REGION", "全国", "China", null, "ACTIVE"))).statusCode(200).body("imported", equalTo(4));
        asPlanner().get("/api/territories/" + east).then().statusCode(200).body("parentId", equalTo(region))
                .body("nameEn", equalTo("East, China")).body("potential", equalTo("88000000.00"));
        asPlanner().get("/api/territories/" + old).then().body("status", equalTo("ARCHIVED"));
        int version = asPlanner().get("/api/territories/" + east).then().extract().path("version");
        List<List<String>> tree = ours(download(format, "/api/territories/export", TERRITORY), region, east, west, old);
        assertEquals(4, tree.size());
        upload(format, "/api/territories/import", TERRITORY, tree).statusCode(200);
        asPlanner().get("/api/territories/" + east).then().body("version", equalTo(version)); // nothing changed

        String model = uniqueId("FM");
        createModel(model, null).statusCode(201);
        String city = uniqueId("city");
        String zj = "{\"and\":[{\"attribute\":\"city\",\"values\":[\"" + city + "\"]},{\"or\":["
                + "{\"attribute\":\"customerType\",\"values\":[\"B2B\"]},{\"attribute\":\"postalPrefix\",\"values\":[\"31\"]}]}]}";
        upload(format, "/api/territory-models/" + model + "/rules/import", RULE, List.of(
                row("east-1", east, "5", zj),
                row("west-1", west, "1", "{\"attribute\":\"city\",\"values\":[\"" + city + "\"]}"))).statusCode(200)
                .body("imported", equalTo(2));
        asPlanner().get("/api/territory-models/" + model + "/rules?territoryId=" + east).then()
                .body("items[0].priority", equalTo(5)).body("items[0].condition.and[1].or[1].values[0]", equalTo("31"));

        String a1 = uniqueId("fa");
        String a2 = uniqueId("fa");
        upload(format, "/api/accounts/import", ACCOUNT, List.of(
                row(a1, "杭州, \"某\"公司", "浙江", city, "310000", "C27", "B2B", "1250000.00", "CNY", "24"),
                row(a2, "=cmd", "浙江", city, "999999", null, "B2C", "10.5", "CNY", "2"))).statusCode(200)
                .body("imported", equalTo(2));
        asPlanner().get("/api/accounts/" + a1).then().body("name", equalTo("杭州, \"某\"公司"));
        String accountTag = asPlanner().get("/api/accounts/" + a2).then().extract().header("ETag");
        List<List<String>> accountFile = download(format, "/api/accounts/export", List.of("id", "territoryId"));
        List<List<String>> accounts = ours(accountFile, a1, a2);
        assertEquals(2, accounts.size());
        upload(format, "/api/accounts/import", accountFile.get(0), accounts).statusCode(200);
        asPlanner().get("/api/accounts/" + a2).then().body("name", equalTo("=cmd")).header("ETag", equalTo(accountTag));
        // the rules derive each account's territory in the model; the file is the same round trip
        upload(format, "/api/territory-models/" + model + "/rules/import", RULE,
                ours(download(format, "/api/territory-models/" + model + "/rules/export", RULE), "east-1", "west-1"))
                .statusCode(200).body("assignment.changed", equalTo(0));
        asPlanner().get("/api/assignments/conflicts?modelId=" + model + "&size=500").then()
                .body("items.accountId", org.hamcrest.Matchers.not(hasItems(a1)));

        String rep = uniqueId("frep");
        String cover = uniqueId("frep");
        upload(format, "/api/reps/import", REP, List.of(
                row(rep, "张伟", "Zhang Wei", "400", null, east, "PRIMARY", "2027-01-01", null, null, "main"),
                row(rep, "张伟", "Zhang Wei", "400", null, west, "OVERLAY", "2027-01-01", "2027-07-01", null, null),
                row(cover, "李娜", null, "300", null, east, "PRIMARY", "2027-03-01", "2027-04-01", rep, "leave"),
                row(uniqueId("frep"), "新人", null, "10", null, null, null, null, null, null, null)))
                .statusCode(200);
        asPlanner().get("/api/reps/" + rep + "/assignments").then().body("assignments.size()", equalTo(2))
                .body("history.size()", equalTo(3)); // PRIMARY cut by the cover, and the overlay
        List<List<String>> reps = ours(download(format, "/api/reps/export", REP), rep, cover);
        assertEquals(3, reps.size());
        upload(format, "/api/reps/import", REP, reps).statusCode(200);
        asPlanner().get("/api/reps/" + rep + "/assignments").then().body("assignments.size()", equalTo(2));
        asPlanner().get("/api/reps/" + cover + "/assignments").then().body("assignments.size()", equalTo(1));
    }

    @ParameterizedTest
    @EnumSource(Tables.Format.class)
    void aBadFileListsEveryBadRowAndColumnAndImportsNothing(Tables.Format format) {
        String region = uniqueId("BR");
        String leaf = uniqueId("BL");
        String good = uniqueId("BG");
        bad(upload(format, "/api/territories/import", TERRITORY, List.of(
                row(region, null, "REGION", "区", null, null, null),
                row(leaf, region, "GEOGRAPHIC", "叶", null, "-1", null),
                row(good, leaf, "GEOGRAPHIC", "子", null, null, null),
                row(uniqueId("BX"), region, "PLANET", "x", null, null, "GONE"),
                row(uniqueId("BX"), uniqueId("ghost"), "SEGMENT", "x", null, null, null))),
                "rows[3].potential", "rows[5].type", "rows[5].status");
        bad(upload(format, "/api/territories/import", TERRITORY, List.of(
                row(region, null, "REGION", "区", null, null, null),
                row(leaf, region, "GEOGRAPHIC", "叶", null, null, null),
                row(good, leaf, "GEOGRAPHIC", "子", null, null, null),
                row(uniqueId("BX"), uniqueId("ghost"), "SEGMENT", "x", null, null, null))),
                "rows[4].parentId", "rows[5].parentId");
        String a = uniqueId("BC");
        String b = uniqueId("BC");
        bad(upload(format, "/api/territories/import", TERRITORY, List.of(
                row(a, b, "REGION", "甲", null, null, null), row(b, a, "REGION", "乙", null, null, null))),
                "rows[2].parentId");
        for (String id : List.of(region, leaf, good, a, b)) {
            asPlanner().get("/api/territories/" + id).then().statusCode(404);
        }

        asPlanner().contentType("application/json").body(Map.of("id", region, "type", "REGION", "nameZh", "区"))
                .post("/api/territories").then().statusCode(201);
        asPlanner().contentType("application/json").body(Map.of("id", leaf, "parentId", region, "type", "GEOGRAPHIC", "nameZh", "叶"))
                .post("/api/territories").then().statusCode(201);
        String model = uniqueId("BM");
        createModel(model, null).statusCode(201);
        // the new model copies the ACTIVE model's rules, if another test activated one
        int rulesBefore = asPlanner().get("/api/territory-models/" + model + "/rules").then().extract().path("total");
        bad(upload(format, "/api/territory-models/" + model + "/rules/import", RULE, List.of(
                row("ok", leaf, "1", "{\"attribute\":\"city\",\"values\":[\"x\"]}"),
                row("r2", leaf, "1", "{\"and\":[{\"attribute\":\"city\",\"values\":[\"x\"]},{\"attribute\":\"street\",\"values\":[\"y\"]}]}"),
                row("r3", region, "-1", "{\"attribute\":\"city\",\"values\":[\"x\"]}"),
                row("r4", leaf, "1", "{\"atribute\":\"city\"}"),
                row("r5", region, "1", "{\"attribute\":\"city\",\"values\":[\"x\"]}"))),
                "rows[3].condition.and[1].attribute", "rows[4].priority", "rows[5].condition", "rows[6].territoryId");
        asPlanner().get("/api/territory-models/" + model + "/rules").then().body("total", equalTo(rulesBefore));

        String acc = uniqueId("BA");
        bad(upload(format, "/api/accounts/import", ACCOUNT, List.of(
                row(acc, "好", "浙江", "杭州", "310000", null, "B2B", "1.00", "CNY", "1"),
                row(uniqueId("BA"), "坏", "浙江", "杭州", "310000", null, "B2B", "-5", "CNY", "1"),
                row(uniqueId("BA"), "坏", "浙江", "杭州", "310000", null, "B2X", "5", "CNY", "many"),
                row(uniqueId("BA"), null, "浙江", "杭州", "310000", null, "B2B", "5", "USD", "1"))),
                "rows[3].potential", "rows[4].workload", "rows[5].name");
        asPlanner().get("/api/accounts/" + acc).then().statusCode(404);
        bad(upload(format, "/api/accounts/import", List.of("id", "name", "colour"), List.of(row("x", "y", "red"))),
                "rows[1].colour", "rows[1].potential");

        String rep = uniqueId("brep");
        String other = uniqueId("brep");
        bad(upload(format, "/api/reps/import", REP, List.of(
                row(rep, "甲", null, "400", null, leaf, "PRIMARY", "2027-01-01", null, null, null),
                row(uniqueId("brep"), "乙", null, "-4", null, leaf, "BOSS", "2027-13-01", null, null, null))),
                "rows[3].capacity", "rows[3].role", "rows[3].effectiveFrom");
        // a rule only the whole file shows: a second PRIMARY on the same dates (found while applying)
        bad(upload(format, "/api/reps/import", REP, List.of(
                row(rep, "甲", null, "400", null, leaf, "PRIMARY", "2027-01-01", null, null, null),
                row(other, "乙", null, "400", null, leaf, "PRIMARY", "2027-06-01", null, null, null))),
                "rows[3].effectiveFrom");
        asPlanner().get("/api/reps/" + rep).then().statusCode(404);
        asPlanner().get("/api/reps/" + other).then().statusCode(404);

        // a file that is not a table of its format at all
        asPlanner().contentType(Tables.XLSX).body("not a workbook".getBytes()).post("/api/reps/import").then()
                .statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("rows[1].file"));
        asPlanner().get("/api/reps/export?format=pdf").then().statusCode(400).body("field", equalTo("format"));
        // imports span every territory: a scoped planner or a viewer may not
        as(QuotaInfraResource.scopedToken("p", List.of(region), Roles.PLANNER)).contentType(Tables.CSV)
                .body("id,type\n").post("/api/territories/import").then().statusCode(403);
        as(QuotaInfraResource.token("v", Roles.VIEWER)).contentType(Tables.CSV).body("id,type\n")
                .post("/api/territories/import").then().statusCode(403);
    }

    private static void bad(ValidatableResponse r, String... fields) {
        r.statusCode(422).contentType("application/problem+json").body("detail", containsString("nothing was imported"))
                .body("errors.field", hasItems(fields));
    }

    static List<String> row(String... cells) {
        return Arrays.asList(cells);
    }

    static ValidatableResponse upload(Tables.Format format, String path, List<String> header, List<List<String>> rows) {
        return asPlanner().contentType(format == Tables.Format.XLSX ? Tables.XLSX : "text/csv; charset=UTF-8")
                .body(Tables.write(format, "data", header, rows)).post(path).then();
    }

    /** The exported file as header + rows (checked to be of the asked format). */
    static List<List<String>> download(Tables.Format format, String path, List<String> required) {
        byte[] body = asPlanner().get(path + "?format=" + format.extension()).then().statusCode(200)
                .contentType(containsString(format == Tables.Format.XLSX ? Tables.XLSX : "text/csv"))
                .extract().asByteArray();
        List<Tables.Line> lines = Tables.read(format, body, required, List.of("id", "parentId", "type", "nameZh",
                "nameEn", "potential", "status", "ruleId", "territoryId", "priority", "condition", "name", "country",
                "province", "city", "postalCode", "industry", "customerType", "currency", "workload", "repId",
                "capacity", "role", "effectiveFrom", "effectiveTo", "coverFor", "note"));
        List<String> header = new ArrayList<>(required.contains("repId") ? REP : required.contains("ruleId") ? RULE
                : required.contains("parentId") ? TERRITORY : List.of("id", "name", "country", "province", "city",
                "postalCode", "industry", "customerType", "potential", "currency", "workload", "status", "territoryId"));
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        lines.forEach(l -> rows.add(header.stream().map(l::get).toList()));
        assertTrue(rows.size() > 1);
        return rows;
    }

    /** The rows whose first cell is one of the ids (the database is shared with other tests). */
    static List<List<String>> ours(List<List<String>> file, String... ids) {
        List<String> wanted = List.of(ids);
        return file.stream().skip(1).filter(r -> wanted.contains(r.get(0))).toList();
    }
}
