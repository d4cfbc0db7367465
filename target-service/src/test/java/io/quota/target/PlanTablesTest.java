package io.quota.target;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.infra.QuotaInfraResource;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import static io.quota.target.Callers.asPlanner;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plan definitions out and back in (issue 4): export as CSV or XLSX, import as a new draft with the same
 * definition and the same cells; a bad file is one 422 listing every bad row and column, and nothing is imported.
 */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_target"))
class PlanTablesTest {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;
    @Inject
    DataSource ds;

    private static boolean replicated;

    @BeforeEach
    void territories() {
        if (!replicated) {
            Instant now = Instant.now();
            Infra.replicate(bootstrap, ds, Infra.territory("PT-EAST", null, "GEOGRAPHIC", "ACTIVE", now),
                    Infra.territory("PT-WEST", null, "GEOGRAPHIC", "ACTIVE", now));
            replicated = true;
        }
    }

    /** Every kind of setting a definition has: calendar, drift policy, alert levels, pins, MANUAL per parent, seasonality. */
    static final String RICH = """
            {"id":"%s","name":"FY2027 收入 revenue, \\"key\\" accounts","taskType":"ACCOUNT_MAINTENANCE","metric":"REVENUE",
             "unit":"CNY","period":"FY2027","fiscalYearStartMonth":4,"timeZone":"Asia/Shanghai","total":"1234567.89",
             "calendar":{"workingDays":["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY","SATURDAY"],
                         "holidays":["2027-10-01","2027-10-02"],"extraWorkingDays":["2027-09-26"]},
             "driftPolicy":{"warningBelow":"0.85","criticalBelow":"0.70"},
             "alertLevels":["cell","territory,quarter"],
             "levels":[{"dimension":"TERRITORY","method":"WEIGHTS","members":["PT-EAST","PT-WEST"],
                        "weights":{"PT-EAST":"3","PT-WEST":"1.5"},"pins":{"PT-WEST":"200000.00"}},
                       {"dimension":"PRODUCT_LINE","method":"MANUAL",
                        "amountsByParent":{"PT-EAST":{"A":"1000000.00","B":"34567.89"},"PT-WEST":{"A":"150000.00","B":"50000.00"}}},
                       {"dimension":"CHANNEL","method":"EQUAL","members":["ONLINE_STORE","DIRECT"]},
                       {"dimension":"TIME","granularity":"QUARTER","method":"WEIGHTS",
                        "weights":{"2027-04-01":"1","2027-07-01":"1","2027-10-01":"1","2028-01-01":"1"},
                        "weightsByParent":{"ONLINE_STORE":{"2027-04-01":"1","2027-07-01":"2","2027-10-01":"3","2028-01-01":"4"}}},
                       {"dimension":"TIME","granularity":"MONTH","method":"WEIGHTS",
                        "seasonality":{"JANUARY":"1","FEBRUARY":"0.5","MARCH":"1","APRIL":"1","MAY":"1","JUNE":"1","JULY":"1",
                                       "AUGUST":"1","SEPTEMBER":"1","OCTOBER":"2","NOVEMBER":"1","DECEMBER":"3"}}]}""";

    @Test
    void aDefinitionGoesOutAndComesBackAsTheSamePlanInCsvAndXlsx() {
        create(RICH.formatted("PT-RICH"));
        String csv = asPlanner().get("/api/plans/PT-RICH/export").then().statusCode(200)
                .contentType(containsString("text/csv")).header("Content-Disposition", containsString("PT-RICH-plan.csv"))
                .extract().asString();
        assertTrue(csv.startsWith("section,field,level,parent,member,value\r\n"), csv);
        assertTrue(csv.contains("plan,name,,,,\"FY2027 收入 revenue, \"\"key\"\" accounts\""), csv);
        assertTrue(csv.contains("level,amount,2,PT-EAST,B,34567.89"), csv);
        assertTrue(csv.contains("calendar,extraWorkingDay,,,,2027-09-26"), csv);

        importPlan("text/csv", "csv", csv.getBytes(StandardCharsets.UTF_8), "PT-RICH-CSV").statusCode(201)
                .header("Location", containsString("/api/plans/PT-RICH-CSV")).body("versions[0].status", equalTo("DRAFT"));
        assertSamePlan("PT-RICH", "PT-RICH-CSV");

        byte[] workbook = asPlanner().queryParam("format", "xlsx").get("/api/plans/PT-RICH/export").then()
                .statusCode(200).contentType(XLSX).extract().asByteArray();
        importPlan(XLSX, "xlsx", workbook, "PT-RICH-XLSX").statusCode(201);
        assertSamePlan("PT-RICH", "PT-RICH-XLSX");

        // without ?id the file's own id: taken, so 409, and nothing changes
        importPlan("text/csv", "csv", csv.getBytes(StandardCharsets.UTF_8), null).statusCode(409);
        asPlanner().queryParam("format", "pdf").get("/api/plans/PT-RICH/export").then().statusCode(400)
                .body("field", equalTo("format"));
        asPlanner().get("/api/plans/PT-NONE/export").then().statusCode(404);
    }

    @Test
    void historyDefinitionsGoOutAsHistoryAndAreResolvedAgainOnImport() throws IOException {
        HttpServer kpi = kpiStandIn();
        try {
            create("""
                    {"id":"PT-HIST","name":"history","taskType":"NEW_BUSINESS","metric":"REVENUE","unit":"CNY",
                     "period":"2027-03","timeZone":"Asia/Shanghai","totalFromHistory":{"growth":"0.20"},
                     "levels":[{"dimension":"TERRITORY","method":"HISTORY","members":["PT-EAST","PT-WEST"]},
                               {"dimension":"PRODUCT_LINE","method":"HISTORY","members":["A","B"],"byParent":true},
                               {"dimension":"TIME","granularity":"DAY","method":"HISTORY"}]}""");
            asPlanner().get("/api/plans/PT-HIST").then().statusCode(200).body("total", equalTo("1200.00"))
                    .body("totalFromHistory.growth", equalTo("0.20")).body("totalFromHistory.from", equalTo("2026-03-01"))
                    .body("levels[1].byParent", equalTo(true))
                    .body("levels[1].weightsByParent.'PT-EAST'.A", equalTo("2.00"))
                    .body("levels[2].weights.'2027-03-30'", equalTo("31.00")); // 2026-03-31, the same weekday 52 weeks before
            // HISTORY per parent: EAST sells A:B 2:1, WEST 1:3; days by the same weekday a year before
            asPlanner().queryParam("by", "territory,productLine").get("/api/plans/PT-HIST/versions/1/rollup").then()
                    .body("items.amount", org.hamcrest.Matchers.contains("600.00", "300.00", "75.00", "225.00"));
            asPlanner().queryParam("territory", "PT-EAST").queryParam("productLine", "A")
                    .queryParam("from", "2027-03-30").queryParam("to", "2027-03-31")
                    .get("/api/plans/PT-HIST/versions/1/cells").then()
                    .body("items.amount", org.hamcrest.Matchers.contains("52.84", "1.70"));

            String csv = asPlanner().get("/api/plans/PT-HIST/export").then().statusCode(200).extract().asString();
            assertTrue(csv.contains("plan,historyGrowth,,,,0.20") && !csv.contains("plan,total,"), csv);
            assertTrue(csv.contains("level,byParent,2,,,true") && !csv.contains("level,weight,"),
                    "history weights are resolved again on import, not written: " + csv);
            importPlan("text/csv", "csv", csv.getBytes(StandardCharsets.UTF_8), "PT-HIST-COPY").statusCode(201);
            assertSamePlan("PT-HIST", "PT-HIST-COPY");
        } finally {
            kpi.stop(0);
        }
    }

    @Test
    void aBadFileListsEveryBadRowAndColumnAndImportsNothing() {
        String file = """
                section,field,level,parent,member,value
                plan,name,,,,bad file
                plan,taskType,,,,NEW_BUSINESS
                plan,metric,,,,REVENUE
                plan,unit,,,,CNY
                plan,periodStart,,,,2027-01-01
                plan,periodEnd,,,,2027-13-31
                plan,timeZone,,,,Asia/Shanghai
                plan,total,,,,lots
                plan,colour,,,,red
                budget,total,,,,1
                calendar,workingDay,,,,FUNDAY
                level,dimension,1,,,TERRITORY
                level,method,1,,,WEIGHTS
                level,weight,1,,,3
                level,weight,1,,PT-EAST,-x
                level,dimension,zero,,,TIME
                level,dimension,2,,,TIME
                level,granularity,2,,,FORTNIGHT
                """;
        importPlan("text/csv", "csv", file.getBytes(StandardCharsets.UTF_8), "PT-BAD").statusCode(422)
                .contentType("application/problem+json").body("field", equalTo("file"))
                .body("errors", hasSize(9))
                .body("errors[0].row", equalTo(7)).body("errors[0].column", equalTo("value"))
                .body("errors[1].row", equalTo(9)).body("errors[1].column", equalTo("value"))
                .body("errors[2].row", equalTo(10)).body("errors[2].column", equalTo("field"))
                .body("errors[3].row", equalTo(11)).body("errors[3].column", equalTo("section"))
                .body("errors[4].row", equalTo(12)).body("errors[4].column", equalTo("value"))
                .body("errors[5].row", equalTo(15)).body("errors[5].column", equalTo("member"))
                .body("errors[6].row", equalTo(16)).body("errors[6].column", equalTo("value"))
                .body("errors[7].row", equalTo(17)).body("errors[7].column", equalTo("level"))
                .body("errors[8].row", equalTo(19)).body("errors[8].message", containsString("FORTNIGHT"));
        asPlanner().get("/api/plans/PT-BAD").then().statusCode(404);

        // what only the whole definition shows is named at the row that set it: bounds, then planning rules
        String good = asPlanner().body(RICH.formatted("PT-RULES")).contentType(ContentType.JSON).post("/api/plans").then()
                .statusCode(201).extract().path("id");
        String csv = asPlanner().get("/api/plans/{id}/export", good).then().statusCode(200).extract().asString();
        List<String> lines = List.of(csv.split("\r\n"));
        int nameRow = row(lines, "plan,name,");
        String tooLong = csv.replace(lines.get(nameRow - 1), "plan,name,,,," + "x".repeat(201));
        importPlan("text/csv", "csv", tooLong.getBytes(StandardCharsets.UTF_8), "PT-LONG").statusCode(422)
                .body("errors", hasSize(1)).body("errors[0].row", equalTo(nameRow))
                .body("errors[0].column", equalTo("value")).body("errors[0].message", containsString("name"));
        int weightRow = row(lines, "level,weight,1,,PT-EAST,");
        String zero = csv.replace("level,weight,1,,PT-EAST,3", "level,weight,1,,PT-EAST,0")
                .replace("level,weight,1,,PT-WEST,1.5", "level,weight,1,,PT-WEST,0");
        importPlan("text/csv", "csv", zero.getBytes(StandardCharsets.UTF_8), "PT-ZERO").statusCode(422)
                .body("errors[0].row", equalTo(weightRow)).body("errors[0].message", containsString("levels[0].weights"));
        int endRow = row(lines, "plan,periodEnd,");
        String misaligned = csv.replace("plan,periodEnd,,,,2028-03-31", "plan,periodEnd,,,,2028-02-29");
        importPlan("text/csv", "csv", misaligned.getBytes(StandardCharsets.UTF_8), "PT-ALIGN").statusCode(422)
                .body("errors[0].row", equalTo(endRow)).body("errors[0].message", containsString("fiscal quarter"));
        int manualRow = row(lines, "level,amount,2,PT-EAST,A,");
        String missed = csv.replace("level,amount,2,PT-EAST,A,1000000.00", "level,amount,2,PT-EAST,A,999999.00");
        importPlan("text/csv", "csv", missed.getBytes(StandardCharsets.UTF_8), "PT-MISS").statusCode(422)
                .body("errors[0].row", equalTo(manualRow)).body("errors[0].message", containsString("difference 1.00"));
        for (String id : List.of("PT-LONG", "PT-ZERO", "PT-ALIGN", "PT-MISS")) {
            asPlanner().get("/api/plans/{id}", id).then().statusCode(404);
        }
        asPlanner().contentType("text/csv").body("section,field\nplan,name").post("/api/plans/import").then()
                .statusCode(422).body("errors[0].column", equalTo("level"));
        asPlanner().contentType(XLSX).queryParam("format", "xlsx").body("not a workbook".getBytes(StandardCharsets.UTF_8))
                .post("/api/plans/import").then().statusCode(422).body("field", equalTo("file"));
    }

    /** The 1-based row number of the first line starting with {@code prefix} (line 1 is the header). */
    private static int row(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i + 1;
            }
        }
        throw new AssertionError("no row " + prefix);
    }

    static void create(String body) {
        asPlanner().contentType(ContentType.JSON).body(body).post("/api/plans").then().statusCode(201);
    }

    static io.restassured.response.ValidatableResponse importPlan(String contentType, String format, byte[] file, String id) {
        var request = asPlanner().contentType(contentType).queryParam("format", format).body(file);
        if (id != null) {
            request.queryParam("id", id);
        }
        return request.post("/api/plans/import").then();
    }

    /** Same definition (all but id, author, times and versions) and the same cells (keys but the plan id). */
    static void assertSamePlan(String original, String copy) {
        Map<String, Object> a = definition(original);
        Map<String, Object> b = definition(copy);
        assertEquals(a, b);
        assertEquals(cells(original), cells(copy));
    }

    private static Map<String, Object> definition(String id) {
        Map<String, Object> plan = new HashMap<>(asPlanner().get("/api/plans/{id}", id).then().statusCode(200)
                .extract().jsonPath().getMap(""));
        for (String k : List.of("id", "createdAt", "createdBy", "versions")) {
            plan.remove(k);
        }
        return plan;
    }

    private static Map<String, String> cells(String id) {
        Map<String, String> cells = new HashMap<>();
        for (int page = 0; ; page++) {
            List<Map<String, Object>> items = asPlanner().queryParam("size", 500).queryParam("page", page)
                    .get("/api/plans/{id}/versions/1/cells", id).then().statusCode(200).extract().path("items");
            for (Map<String, Object> c : items) {
                cells.put(((String) c.get("cellKey")).substring(id.length()), (String) c.get("amount"));
            }
            if (items.size() < 500) {
                return cells;
            }
        }
    }

    /**
     * kpi-service's actuals totals, as a stand-in: 1,000.00 over a range; by territory EAST 300 : WEST 100; by
     * product line A 1 : B 1; by territory and product line EAST A:B 2:1, WEST 1:3; a single day sells its day of the month.
     */
    static HttpServer kpiStandIn() throws IOException {
        HttpServer kpi = HttpServer.create(new InetSocketAddress("127.0.0.1", DecompositionFlowTest.KPI_PORT), 0);
        kpi.createContext("/api/actuals/totals", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            Matcher from = java.util.regex.Pattern.compile("from=([0-9-]+)").matcher(query);
            Matcher to = java.util.regex.Pattern.compile("to=([0-9-]+)").matcher(query);
            String totals;
            if (query.contains("by=territory,productLine")) {
                totals = total("\"territory\":\"PT-EAST\",\"productLine\":\"A\"", "2.00") + ","
                        + total("\"territory\":\"PT-EAST\",\"productLine\":\"B\"", "1.00") + ","
                        + total("\"territory\":\"PT-WEST\",\"productLine\":\"A\"", "1.00") + ","
                        + total("\"territory\":\"PT-WEST\",\"productLine\":\"B\"", "3.00");
            } else if (query.contains("by=productLine")) {
                totals = total("\"productLine\":\"A\"", "1.00") + "," + total("\"productLine\":\"B\"", "1.00");
            } else if (query.contains("by=territory")) {
                totals = total("\"territory\":\"PT-EAST\"", "300.00") + "," + total("\"territory\":\"PT-WEST\"", "100.00");
            } else if (from.find() && to.find() && from.group(1).equals(to.group(1))) {
                totals = total("", LocalDate.parse(from.group(1)).getDayOfMonth() + ".00");
            } else {
                totals = total("", "1000.00");
            }
            byte[] bytes = ("{\"metric\":\"REVENUE\",\"totals\":[" + totals + "]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        kpi.start();
        return kpi;
    }

    private static String total(String members, String value) {
        return "{\"members\":{" + members + "},\"value\":\"" + value + "\"}";
    }
}
