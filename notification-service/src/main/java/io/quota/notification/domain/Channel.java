package io.quota.notification.domain;

/**
 * Where a subscription's notifications go, each in its receiver's documented format: a generic signed webhook
 * (CloudEvents JSON), the chat robots sales teams read (Slack incoming webhook, DingTalk 钉钉 robot, WeCom 企业微信 group
 * robot, Feishu 飞书 custom bot) and email over SMTP.
 */
public enum Channel {
    WEBHOOK, SLACK, DINGTALK, WECOM, FEISHU, EMAIL;

    /** Whether this build can deliver to the channel (every channel now; kept for stored rows of older builds). */
    public boolean available() {
        return true;
    }

    /** Addressed by an http(s) URL (all but email). */
    public boolean isHttp() {
        return this != EMAIL;
    }

    /** Takes a secret to sign with: ours always (webhook), the robot's own when the team enabled signing. */
    public boolean signs() {
        return this == WEBHOOK || this == DINGTALK || this == FEISHU;
    }

    /**
     * Whether its URL must be https: always for the chat robots (their hosts serve https only, and the URL carries
     * the robot's token), for a webhook unless its host is allow-listed. Allow-listed hosts (loopback in tests and
     * the local suite) are exempt for every channel.
     */
    public boolean httpsRequired() {
        return isHttp();
    }
}
