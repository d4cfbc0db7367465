package io.quota.notification.domain;

/** Where a subscription's notifications go. The foundation delivers WEBHOOK only; the chat apps and email follow. */
public enum Channel {
    WEBHOOK, SLACK, DINGTALK, WECOM, FEISHU, EMAIL;

    /** Whether this build can deliver to the channel. */
    public boolean available() {
        return this == WEBHOOK;
    }
}
