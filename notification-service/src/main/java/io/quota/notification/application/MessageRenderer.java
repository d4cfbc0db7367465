package io.quota.notification.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quota.contracts.Dimension;
import io.quota.contracts.EventJson;
import io.quota.notification.application.MessageViews.Item;
import io.quota.notification.application.MessageViews.Message;
import io.quota.notification.domain.Channel;
import io.quota.notification.domain.DriftSummary;
import io.quota.notification.domain.Notice;
import io.quota.notification.domain.NoticeKind;
import io.quota.notification.domain.SummaryLocale;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Renders notices into the body each channel's receiver documents, in the subscription's language. The words and
 * layout live in Qute templates per format and locale (templates/notice/{headline,change,title,markdown,slack,text,
 * html}_{zh-CN,en}); this class formats the figures and wraps the text in each vendor's JSON:
 * <ul>
 * <li>WEBHOOK: a CloudEvents 1.0 structured-mode JSON whose data is the source event exactly as it arrived, plus the
 * extension attributes quotasummary (the human line) and quotalink; a digest's data lists its members' CloudEvents</li>
 * <li>SLACK: {@code {"text", "blocks":[header, section(mrkdwn)]}} (incoming webhook)</li>
 * <li>DINGTALK: {@code {"msgtype":"markdown","markdown":{"title","text"}}} (custom robot)</li>
 * <li>WECOM: {@code {"msgtype":"markdown","markdown":{"content"}}} (group robot)</li>
 * <li>FEISHU: {@code {"msg_type":"interactive","card":{header, elements:[div(lark_md)]}}} (custom bot; timestamp
 * and sign are added per attempt)</li>
 * <li>EMAIL: {@code {"subject","text","html"}}, sent as a multipart text + HTML message</li>
 * </ul>
 */
@ApplicationScoped
public class MessageRenderer {
    public static final String SOURCE = "quota/kpi-service";
    public static final String DIGEST_SOURCE = "quota/notification-service";
    public static final String DIGEST_TYPE = "quota.NotificationDigest.v1";
    public static final String CLOUDEVENTS_JSON = "application/cloudevents+json";
    /** Items a digest lists one by one (WeCom takes at most 4096 bytes of markdown); it counts the rest. */
    static final int DIGEST_ITEMS = 10;

    private final Engine engine;
    private final String linkBase;

    @Inject
    public MessageRenderer(Engine engine,
                           @ConfigProperty(name = "quota.notifications.link-base-url") String linkBase) {
        this.engine = engine;
        this.linkBase = linkBase.endsWith("/") ? linkBase.substring(0, linkBase.length() - 1) : linkBase;
    }

    /**
     * The body of one message to one subscription.
     *
     * @param notices   one notice, or a digest's members, oldest first
     * @param digestId  null for a single notice; the digest delivery's id otherwise
     * @param planNames plan id to plan name, for those the replica knows
     */
    public String render(Channel channel, SummaryLocale locale, List<IncomingNotice> notices, UUID digestId,
                         Instant now, Map<String, String> planNames) {
        if (notices.isEmpty()) {
            throw new IllegalArgumentException("nothing to render");
        }
        Message message = message(locale, notices, digestId != null, planNames);
        return switch (channel) {
            case WEBHOOK -> digestId == null ? cloudEvent(locale, notices.get(0), message)
                    : digestCloudEvent(digestId, now, notices, message, locale, planNames);
            case SLACK -> slack(locale, message);
            case DINGTALK -> json(obj().put("msgtype", "markdown").set("markdown",
                    obj().put("title", message.title()).put("text", text("markdown", locale, message))));
            case WECOM -> json(obj().put("msgtype", "markdown").set("markdown",
                    obj().put("content", text("markdown", locale, message))));
            case FEISHU -> feishu(locale, message);
            case EMAIL -> json(obj().put("subject", message.title()).put("text", text("text", locale, message))
                    .put("html", text("html", locale, message)));
        };
    }

    /** The one human line of a notice (the webhook's quotasummary, an email subject). */
    public String headline(SummaryLocale locale, IncomingNotice notice, Map<String, String> planNames) {
        return message(locale, List.of(notice), false, planNames).title();
    }

    Message message(SummaryLocale locale, List<IncomingNotice> notices, boolean digest, Map<String, String> planNames) {
        List<Item> items = notices.stream().limit(digest ? DIGEST_ITEMS : 1)
                .map(n -> item(locale, n.notice(), planNames)).toList();
        Message untitled = new Message(digest, notices.size(), Math.max(0, notices.size() - items.size()), null, items);
        return new Message(digest, untitled.count(), untitled.more(), text("title", locale, untitled).strip(), items);
    }

    private Item item(SummaryLocale locale, Notice n, Map<String, String> planNames) {
        String none = locale == SummaryLocale.ZH_CN ? "—" : "n/a";
        var f = n.figures();
        Item bare = new Item(n.kind() == NoticeKind.DRIFT_DETECTED, n.kind() == NoticeKind.DRIFT_RESOLVED,
                n.kind() == NoticeKind.MILESTONE, n.critical(), null, null,
                planNames.getOrDefault(n.planId(), n.planId()), n.planVersion(), DriftSummary.node(n.node()),
                DriftSummary.period(n.node().from(), n.node().to()), DriftSummary.metricLabel(n.metric(), locale),
                n.unit() == null ? "" : n.unit(),
                n.state() == null ? null : DriftSummary.stateLabel(n.state(), locale),
                n.previousState() == null ? null : DriftSummary.stateLabel(n.previousState(), locale),
                amount(f.target(), none), amount(f.actual(), none), amount(f.expectedToDate(), none),
                percent(f.attainment(), none), ratio(f.pace(), none), amount(f.forecast(), none),
                f.asOf() == null ? none : f.asOf().toString(), n.milestone(), link(n));
        return bare.withText(text("headline", locale, bare).strip(), text("change", locale, bare).strip());
    }

    /** The node in the API: its attainment in kpi-service (same query parameters as the node key's dimensions). */
    String link(Notice n) {
        StringBuilder url = new StringBuilder(linkBase).append("/api/attainment?plan=").append(enc(n.planId()));
        n.node().members().forEach((d, m) -> {
            if (d != Dimension.TIME) {
                url.append('&').append(d.param()).append('=').append(enc(m));
            }
        });
        return url.append("&from=").append(n.node().from()).append("&to=").append(n.node().to()).toString();
    }

    private String text(String format, SummaryLocale locale, Object data) {
        Template template = engine.getTemplate("notice/" + format + "_" + locale.tag());
        if (template == null) {
            throw new IllegalStateException("no template notice/" + format + "_" + locale.tag());
        }
        return template.data(data instanceof Item ? "item" : "msg", data).render();
    }

    private String slack(SummaryLocale locale, Message m) {
        ArrayNode blocks = EventJson.MAPPER.createArrayNode();
        // Slack's header block takes plain text of at most 150 characters
        blocks.add(obj().put("type", "header").set("text", obj().put("type", "plain_text")
                .put("text", m.title().length() > 150 ? m.title().substring(0, 149) + "…" : m.title())));
        blocks.add(obj().put("type", "section").set("text", obj().put("type", "mrkdwn")
                .put("text", text("slack", locale, m))));
        ObjectNode body = obj().put("text", m.title());
        body.set("blocks", blocks);
        return json(body);
    }

    private String feishu(SummaryLocale locale, Message m) {
        boolean red = m.items().stream().anyMatch(Item::critical);
        ObjectNode header = obj().put("template", red ? "red" : m.digest() ? "blue" : "orange");
        header.set("title", obj().put("tag", "plain_text").put("content", m.title()));
        ObjectNode card = obj();
        card.set("header", header);
        card.set("elements", EventJson.MAPPER.createArrayNode().add(obj().put("tag", "div")
                .set("text", obj().put("tag", "lark_md").put("content", text("markdown", locale, m)))));
        ObjectNode body = obj().put("msg_type", "interactive");
        body.set("card", card);
        return json(body);
    }

    private String cloudEvent(SummaryLocale locale, IncomingNotice n, Message m) {
        return json(cloudEventNode(n, webhookSummary(locale, n, m.title()), m.first().link()));
    }

    private ObjectNode cloudEventNode(IncomingNotice n, String summary, String link) {
        JsonNode data;
        try {
            data = EventJson.MAPPER.readTree(n.rawJson());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the event is not JSON: " + e.getOriginalMessage(), e);
        }
        ObjectNode body = obj();
        body.put("specversion", "1.0");
        body.put("id", n.event().eventId().toString());
        body.put("type", n.event().ceType());
        body.put("source", SOURCE);
        body.put("subject", n.event().ceSubject());
        // the producer's own spelling of the instant, as in data
        body.put("time", data.path("occurredAt").asText(n.event().occurredAt().toString()));
        body.put("datacontenttype", "application/json");
        body.put("quotasummary", summary);
        if (n.notice().milestone() != null) {
            body.put("quotamilestone", n.notice().milestone());
        }
        body.put("quotalink", link);
        body.set("data", data);
        return body;
    }

    private String digestCloudEvent(UUID digestId, Instant now, List<IncomingNotice> notices, Message m,
                                    SummaryLocale locale, Map<String, String> planNames) {
        ObjectNode body = obj();
        body.put("specversion", "1.0");
        body.put("id", digestId.toString());
        body.put("type", DIGEST_TYPE);
        body.put("source", DIGEST_SOURCE);
        body.put("time", now.toString());
        body.put("datacontenttype", "application/json");
        body.put("quotasummary", m.title());
        ArrayNode items = EventJson.MAPPER.createArrayNode();
        for (IncomingNotice n : notices) {
            items.add(cloudEventNode(n, webhookSummary(locale, n, headline(locale, n, planNames)), link(n.notice())));
        }
        body.set("data", obj().set("items", items));
        return json(body);
    }

    /** The quotasummary of a webhook: the established one-line drift summary (DriftSummary); a milestone's headline. */
    private static String webhookSummary(SummaryLocale locale, IncomingNotice n, String headline) {
        Notice notice = n.notice();
        if (notice.kind() == NoticeKind.MILESTONE) {
            return headline;
        }
        return DriftSummary.of(new DriftSummary.Drift(notice.node(), notice.metric(), notice.state(),
                notice.previousState(), notice.figures().pace()), locale);
    }

    private static ObjectNode obj() {
        return EventJson.MAPPER.createObjectNode();
    }

    private static String json(JsonNode node) {
        try {
            return EventJson.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String amount(BigDecimal value, String none) {
        if (value == null) {
            return none;
        }
        DecimalFormat f = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT));
        f.setMinimumFractionDigits(Math.max(0, value.scale()));
        f.setMaximumFractionDigits(Math.max(0, value.scale()));
        return f.format(value);
    }

    static String percent(BigDecimal ratio, String none) {
        return ratio == null ? none : ratio.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }

    static String ratio(BigDecimal ratio, String none) {
        return ratio == null ? none : ratio.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
