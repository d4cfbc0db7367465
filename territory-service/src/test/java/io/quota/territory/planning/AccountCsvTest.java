package io.quota.territory.planning;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quota.infra.QuotaInfraResource;
import org.junit.jupiter.api.Test;

import static io.quota.territory.Callers.asPlanner;
import static io.quota.territory.TestData.uniqueId;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

/** Accounts in and out as CSV; a bad file is 422 listing each bad row and column, and nothing is imported. */
@QuarkusTest
@WithTestResource(value = QuotaInfraResource.class, initArgs = @ResourceArg(name = "database", value = "quota_territory"))
class AccountCsvTest {
    static final String HEADER = "id,name,province,city,postalCode,industry,customerType,potential,currency,workload\n";

    @Test
    void aGoodFileIsImportedAndExported() {
        String a = uniqueId("csv");
        String b = uniqueId("csv");
        String file = HEADER + a + ",\"杭州, 某公司\",浙江,杭州,310000,C27,B2B,1250000.00,CNY,24\n"
                + b + ",宁波公司,浙江,宁波,315000,,B2C,10.5,CNY,2\n";
        asPlanner().contentType("text/csv; charset=UTF-8").body(file).post("/api/accounts/import").then().statusCode(200)
                .body("imported", equalTo(2));
        asPlanner().get("/api/accounts/" + a).then().statusCode(200).body("name", equalTo("杭州, 某公司"))
                .body("potential", equalTo("1250000.00"));
        asPlanner().get("/api/accounts/export").then().statusCode(200).contentType(containsString("text/csv"))
                .body(containsString(a + ",\"杭州, 某公司\",CN,浙江,杭州,310000,C27,B2B,1250000.00,CNY,24,ACTIVE"));
    }

    @Test
    void aBadFileListsEveryBadRowAndColumnAndImportsNothing() {
        String good = uniqueId("csv");
        String bad = uniqueId("csv");
        String file = HEADER + good + ",好公司,浙江,杭州,310000,C27,B2B,100.00,CNY,1\n"
                + bad + ",坏公司,浙江,杭州,310000,C27,B2B,-5,CNY,1\n"
                + uniqueId("csv") + ",坏公司,浙江,杭州,310000,C27,B2X,5,CNY,many\n"
                + uniqueId("csv") + ",,浙江,杭州,310000,C27,B2B,5,USD,1\n";
        asPlanner().contentType("text/csv; charset=UTF-8").body(file).post("/api/accounts/import").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("rows[3].potential", "rows[4].workload", "rows[5].name"));
        asPlanner().get("/api/accounts/" + good).then().statusCode(404);
        asPlanner().contentType("text/csv; charset=UTF-8").body("id,name,colour\n").post("/api/accounts/import").then()
                .statusCode(422).body("errors.field", hasItems("rows[1].colour", "rows[1].potential"));
    }
}
