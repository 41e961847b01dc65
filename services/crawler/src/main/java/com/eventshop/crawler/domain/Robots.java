package com.eventshop.crawler.domain;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.util.List;

/**
 * robots.txt by RFC 9309 through crawler-commons: the longest matching rule wins, Allow wins a
 * tie, {@code *} and {@code $} work, a 4xx (no robots.txt) allows everything, a 5xx, a 429 or an
 * unreachable host disallows everything (until it is fetched again). Crawl-delay and Sitemap lines are kept.
 */
public final class Robots {

    /** The product token matched against User-agent lines. */
    public static final String AGENT_TOKEN = "eventshopbot";
    /** The User-Agent header of every request. */
    public static final String USER_AGENT = "EventshopBot/1.0 (+https://github.com/eventshop; Eventshop crawler)";

    private final BaseRobotRules rules;

    private Robots(BaseRobotRules rules) {
        this.rules = rules;
    }

    /** Rules from a fetched robots.txt; {@code status} picks 2xx parse, 4xx allow all, 5xx disallow all. */
    public static Robots of(String robotsUrl, int status, byte[] body, String contentType) {
        SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
        if (status >= 200 && status < 300) {
            return new Robots(parser.parseContent(robotsUrl, body, contentType == null ? "text/plain" : contentType,
                    List.of(AGENT_TOKEN)));
        }
        // 429 is a client error by number but means "not now": treated like a 5xx, as major crawlers do
        return new Robots(parser.failedFetch(status == 429 ? 503 : status));
    }

    /** The host could not be reached: treated like a 5xx. */
    public static Robots unreachable() {
        return new Robots(new SimpleRobotRulesParser().failedFetch(503));
    }

    public boolean allowed(String url) {
        return rules.isAllowed(url);
    }

    /** Crawl-delay in milliseconds, or -1 when robots.txt gives none. */
    public long crawlDelayMillis() {
        long delay = rules.getCrawlDelay();
        return delay == BaseRobotRules.UNSET_CRAWL_DELAY ? -1 : delay;
    }

    public List<String> sitemaps() {
        return rules.getSitemaps();
    }
}
