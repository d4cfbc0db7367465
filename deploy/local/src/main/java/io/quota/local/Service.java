package io.quota.local;

/** The four services of the suite: module directory, database and default port. */
public enum Service {
    TARGET("target-service", "quota_target", 8081),
    TERRITORY("territory-service", "quota_territory", 8082),
    KPI("kpi-service", "quota_kpi", 8083),
    NOTIFICATION("notification-service", "quota_notification", 8084);

    private final String module;
    private final String database;
    private final int defaultPort;

    Service(String module, String database, int defaultPort) {
        this.module = module;
        this.database = database;
        this.defaultPort = defaultPort;
    }

    public String module() {
        return module;
    }

    public String database() {
        return database;
    }

    public int defaultPort() {
        return defaultPort;
    }
}
