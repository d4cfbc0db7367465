package io.quota.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small demo data set through the public REST APIs: a territory tree and an approved plan. */
final class DemoData {
    static final String PLAN = "DEMO-FY27-REV";
    private final LocalSuite suite;
    private final String adminToken;
    private final String approverToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DemoData(LocalSuite suite, String adminToken, String approverToken) {
        this.suite = suite;
        this.adminToken = adminToken;
        this.approverToken = approverToken;
    }

    void load() throws IOException, InterruptedException {
        if (get(Service.TARGET, "/api/plans/" + PLAN) == 200) {
            System.out.println("\nDemo data found from an earlier run (plan " + PLAN + ").");
            return;
        }
        post(Service.TERRITORY, "/api/territories",
                "{\"id\":\"CN\",\"type\":\"REGION\",\"nameZh\":\"中国\",\"nameEn\":\"China\"}");
        String[][] leaves = {{"EAST", "华东", "East China", "88000000.00"}, {"NORTH", "华北", "North China", "64000000.00"},
                {"SOUTH", "华南", "South China", "72000000.00"}, {"WEST", "西部", "West China", "31000000.00"}};
        for (String[] t : leaves) {
            post(Service.TERRITORY, "/api/territories", "{\"id\":\"" + t[0] + "\",\"parentId\":\"CN\",\"type\":\"GEOGRAPHIC\","
                    + "\"nameZh\":\"" + t[1] + "\",\"nameEn\":\"" + t[2] + "\",\"potential\":\"" + t[3] + "\"}");
        }
        String plan = "{\"id\":\"" + PLAN + "\",\"name\":\"FY2027 销售额 revenue\",\"taskType\":\"NEW_BUSINESS\","
                + "\"metric\":\"REVENUE\",\"unit\":\"CNY\",\"periodStart\":\"2027-01-01\",\"periodEnd\":\"2027-12-31\","
                + "\"timeZone\":\"Asia/Shanghai\",\"total\":\"120000000.00\",\"levels\":["
                + "{\"dimension\":\"TERRITORY\",\"method\":\"WEIGHTS\",\"weights\":{\"EAST\":\"4\",\"NORTH\":\"3\",\"SOUTH\":\"3\",\"WEST\":\"2\"}},"
                + "{\"dimension\":\"TIME\",\"granularity\":\"MONTH\",\"method\":\"EQUAL\"}]}";
        // target-service learns territories from Kafka: retry until its replica has them
        int status = 0;
        for (int i = 0; i < 60 && status != 201; i++) {
            status = send(Service.TARGET, "POST", "/api/plans", plan);
            if (status != 201) {
                Thread.sleep(500);
            }
        }
        if (status != 201) {
            throw new IllegalStateException("demo plan was refused with " + status);
        }
        post(Service.TARGET, "/api/plans/" + PLAN + "/versions/1/submit", "");
        // the author may not approve: approval comes from someone else
        int approved = http.send(HttpRequest.newBuilder(URI.create(suite.url(Service.TARGET) + "/api/plans/" + PLAN
                        + "/versions/1/approve")).header("Authorization", "Bearer " + approverToken)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (approved != 200) {
            throw new IllegalStateException("approval answered " + approved);
        }
        // kpi-service activates the version only once every cell has arrived (DESIGN.md section 3)
        for (int i = 0; i < 120 && get(Service.KPI, "/api/attainment?plan=" + PLAN + "&period=2027") != 200; i++) {
            Thread.sleep(500);
        }
        System.out.println("\nDemo data loaded: territories CN > EAST, NORTH, SOUTH, WEST and plan " + PLAN
                + " (CNY 120,000,000.00, by territory and month), approved.");
        System.out.println("Try: curl -H \"Authorization: Bearer $VIEWER\" '" + suite.url(Service.KPI) + "/api/attainment?plan=" + PLAN
                + "&territory=EAST&period=2027-03&asOf=2027-03-15'");
    }

    private void post(Service s, String path, String body) throws IOException, InterruptedException {
        int status = send(s, "POST", path, body);
        if (status >= 300 && status != 409) {
            throw new IllegalStateException("POST " + path + " answered " + status);
        }
    }

    private int get(Service s, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(suite.url(s) + path))
                        .header("Authorization", "Bearer " + adminToken).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int send(Service s, String method, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(suite.url(s) + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + adminToken)
                        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
