package io.quota.contracts;

/** What kind of work a plan is about (任务类型). */
public enum TaskType {
    NEW_BUSINESS, ACCOUNT_MAINTENANCE, COLLECTION, MARKET_RESEARCH
}
