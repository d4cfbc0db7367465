package io.quota.target;

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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.quota.target.Callers.asApprover;
import static io.quota.target.Callers.asPlanner;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cell tables and seasonality profiles out and back in as CSV and XLSX; a bad file lists every bad row. */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_target"))
class TablesFlowTest {
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
            Infra.replicate(bootstrap, ds, Infra.territory("TB-EAST", null, "GEOGRAPHIC", "ACTIVE", now),
                    Infra.territory("TB-WEST", null, "GEOGRAPHIC", "ACTIVE", now));
            replicated = true;
        }
    }

    static void create(String id) {
        asPlanner().contentType(ContentType.JSON).body("""
                {"id":"%s","name":"tables","taskType":"NEW_BUSINESS","metric":"REVENUE","unit":"CNY",
                 "periodStart":"2027-03-01","periodEnd":"2027-05-31","timeZone":"Asia/Shanghai","total":"300000.00",
                 "levels":[{"dimension":"TERRITORY","method":"EQUAL","members":["TB-EAST","TB-WEST"]},
                           {"dimension":"TIME","granularity":"MONTH","method":"EQUAL"}]}""".formatted(id))
                .post("/api/plans").then().statusCode(201);
    }

    static String csv(String id) {
        return asPlanner().queryParam("format", "csv").get("/api/plans/{id}/versions/1/export", id).then().statusCode(200)
                .contentType(containsString("text/csv")).header("Content-Disposition", containsString(id + "-v1.csv"))
                .extract().asString();
    }

    @Test
    void aCellTableGoesOutAndComesBackAsCsv() {
        create("TB-CSV");
        String table = csv("TB-CSV");
        List<String> lines = Arrays.asList(table.split("\r\n"));
        assertEquals("cellKey,territory,industry,customerType,productLine,channel,periodStart,periodEnd,amount", lines.get(0));
        assertEquals(7, lines.size());
        assertTrue(lines.get(1).startsWith("TB-CSV~territory=TB-EAST~2027-03-01..2027-03-31,TB-EAST,,,,,2027-03-01,2027-03-31,50000.00"),
                lines.get(1));
        // move 1,000.00 from March to April and add 500.00 to May: the total follows the cells
        List<String> edited = new ArrayList<>(lines);
        edited.set(1, lines.get(1).replace(",50000.00", ",49000.00"));
        edited.set(2, lines.get(2).replace(",50000.00", ",51000.00"));
        edited.set(3, lines.get(3).replace(",50000.00", ",50500.00"));
        asPlanner().contentType("text/csv").body(String.join("\r\n", edited)).queryParam("format", "csv")
                .post("/api/plans/TB-CSV/versions/1/import").then().statusCode(200)
                .body("versions[0].total", equalTo("300500.00"));
        asPlanner().queryParam("territory", "TB-EAST").get("/api/plans/TB-CSV/versions/1/cells").then()
                .body("items.amount", org.hamcrest.Matchers.contains("49000.00", "51000.00", "50500.00"));

        // a bad file: every bad row and column listed, nothing imported
        List<String> bad = new ArrayList<>(lines);
        bad.set(1, lines.get(1).replace(",50000.00", ",lots"));
        bad.set(2, lines.get(2).replace(",50000.00", ",-1.00"));
        bad.set(3, lines.get(3).replace(",50000.00", ",1.001"));
        bad.set(4, "TB-CSV~territory=NOWHERE~2027-03-01..2027-03-31,,,,,,,,1.00");
        bad.add(lines.get(5));
        asPlanner().contentType("text/csv").body(String.join("\n", bad)).post("/api/plans/TB-CSV/versions/1/import")
                .then().statusCode(422).contentType("application/problem+json").body("field", equalTo("file"))
                .body("errors", hasSize(5))
                .body("errors[0].row", equalTo(2)).body("errors[0].column", equalTo("amount"))
                .body("errors[3].row", equalTo(5)).body("errors[3].column", equalTo("cellKey"))
                .body("errors[4].row", equalTo(8)).body("errors[4].message", containsString("twice"));
        asPlanner().get("/api/plans/TB-CSV").then().body("versions[0].total", equalTo("300500.00"));
        asPlanner().contentType("text/csv").body("amount\n1").post("/api/plans/TB-CSV/versions/1/import").then()
                .statusCode(422).body("errors[0].column", equalTo("cellKey"));
        asPlanner().contentType("text/csv").body("").post("/api/plans/TB-CSV/versions/1/import").then()
                .statusCode(422).body("field", equalTo("file"));
        asPlanner().queryParam("format", "pdf").get("/api/plans/TB-CSV/versions/1/export").then().statusCode(400)
                .body("field", equalTo("format"));

        // a published version never changes
        asPlanner().post("/api/plans/TB-CSV/versions/1/submit").then().statusCode(200);
        asApprover().post("/api/plans/TB-CSV/versions/1/approve").then().statusCode(200);
        asPlanner().contentType("text/csv").body(table).post("/api/plans/TB-CSV/versions/1/import").then().statusCode(409);
        asPlanner().contentType("text/csv").body(table).post("/api/plans/TB-NONE/versions/1/import").then().statusCode(404);
    }

    @Test
    void xlsxRoundTripsForCellsAndProfiles() {
        create("TB-XLSX");
        byte[] workbook = asPlanner().queryParam("format", "xlsx").get("/api/plans/TB-XLSX/versions/1/export").then()
                .statusCode(200).contentType(XLSX).extract().asByteArray();
        assertTrue(workbook.length > 100 && workbook[0] == 'P' && workbook[1] == 'K', "a zip (OOXML) workbook");
        asPlanner().contentType(XLSX).body(workbook).queryParam("format", "xlsx")
                .post("/api/plans/TB-XLSX/versions/1/import").then().statusCode(200)
                .body("versions[0].total", equalTo("300000.00"));
        asPlanner().contentType(XLSX).body("not a workbook".getBytes(StandardCharsets.UTF_8)).queryParam("format", "xlsx")
                .post("/api/plans/TB-XLSX/versions/1/import").then().statusCode(422).body("field", equalTo("file"));

        String profiles = "name,JANUARY,FEBRUARY,MARCH,APRIL,MAY,JUNE,JULY,AUGUST,SEPTEMBER,OCTOBER,NOVEMBER,DECEMBER\n"
                + "TB-FLAT,1,1,1,1,1,1,1,1,1,1,1,1\nTB-XMAS,1,1,1,1,1,1,1,1,1,1,2,4\n";
        asPlanner().contentType("text/csv").body(profiles).post("/api/seasonality-profiles/import").then()
                .statusCode(200).body("imported", equalTo(2));
        asPlanner().get("/api/seasonality-profiles/TB-XMAS").then().statusCode(200).body("weights.DECEMBER", equalTo("4"));
        byte[] profileBook = asPlanner().queryParam("format", "xlsx").get("/api/seasonality-profiles/export").then()
                .statusCode(200).extract().asByteArray();
        asPlanner().contentType(XLSX).body(profileBook).queryParam("format", "xlsx")
                .post("/api/seasonality-profiles/import").then().statusCode(200);
        asPlanner().contentType("text/csv").body(profiles.replace("TB-FLAT,1", "TB-FLAT,x").replace(",2,4", ",2,-4")
                        + "TB-ZERO,0,0,0,0,0,0,0,0,0,0,0,0\n")
                .post("/api/seasonality-profiles/import").then().statusCode(422).body("errors", hasSize(3))
                .body("errors[0].column", equalTo("JANUARY")).body("errors[1].column", equalTo("DECEMBER"))
                .body("errors[2].row", equalTo(4));
        asPlanner().get("/api/seasonality-profiles/TB-ZERO").then().statusCode(404);
        asPlanner().get("/api/seasonality-profiles/TB-XMAS").then().body("weights.DECEMBER", equalTo("4"));
    }
}
