package io.quota.notification.domain;

/** How one attempt to deliver ended. Only DELIVERED (a 2xx answer) is a success. */
public enum AttemptOutcome {
    /** the receiver answered 2xx */
    DELIVERED,
    /** the receiver answered, but not 2xx */
    HTTP_ERROR,
    /** a chat robot answered 2xx but refused the message in its body (DingTalk/WeCom errcode, Feishu code != 0) */
    REJECTED,
    /** no answer within the timeout */
    TIMEOUT,
    /** no connection (refused, reset, unknown host, TLS failure) */
    CONNECTION_ERROR,
    /** not attempted: the address now resolves to a refused range */
    REFUSED
}
