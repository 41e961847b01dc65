package com.eventshop.crawler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** RFC 9309 as crawler-commons implements it, for the rules the crawler relies on. */
class RobotsTest {

    private static Robots robots(String text) {
        return Robots.of("http://h.test/robots.txt", 200, text.getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    @Test
    void longestMatchWinsAndAllowWinsTies() {
        Robots r = robots("""
                User-agent: *
                Disallow: /shop/
                Allow: /shop/public/
                Disallow: /page
                Allow: /page
                """);
        assertThat(r.allowed("http://h.test/shop/cart")).isFalse();
        assertThat(r.allowed("http://h.test/shop/public/item")).isTrue();
        assertThat(r.allowed("http://h.test/page")).isTrue();
        assertThat(r.allowed("http://h.test/other")).isTrue();
    }

    @Test
    void wildcardsAndEndAnchor() {
        Robots r = robots("""
                User-agent: *
                Disallow: /*.pdf$
                Disallow: /private*/secret
                """);
        assertThat(r.allowed("http://h.test/doc.pdf")).isFalse();
        assertThat(r.allowed("http://h.test/doc.pdf?x=1")).isTrue();
        assertThat(r.allowed("http://h.test/private-area/secret")).isFalse();
    }

    @Test
    void ourGroupIsPickedOverTheWildcardOneAndCrawlDelayAndSitemapsAreRead() {
        Robots r = robots("""
                User-agent: *
                Disallow: /

                User-agent: EventshopBot
                Disallow: /admin
                Crawl-delay: 2

                Sitemap: http://h.test/sitemap.xml
                """);
        assertThat(r.allowed("http://h.test/products")).isTrue();
        assertThat(r.allowed("http://h.test/admin/users")).isFalse();
        assertThat(r.crawlDelayMillis()).isEqualTo(2000);
        assertThat(r.sitemaps()).containsExactly("http://h.test/sitemap.xml");
    }

    @Test
    void clientErrorsAllowAllServerErrorsDisallowAll() {
        assertThat(Robots.of("http://h.test/robots.txt", 404, new byte[0], null).allowed("http://h.test/x")).isTrue();
        assertThat(Robots.of("http://h.test/robots.txt", 403, new byte[0], null).allowed("http://h.test/x")).isTrue();
        assertThat(Robots.of("http://h.test/robots.txt", 503, new byte[0], null).allowed("http://h.test/x")).isFalse();
        assertThat(Robots.of("http://h.test/robots.txt", 429, new byte[0], null).allowed("http://h.test/x")).isFalse();
        assertThat(Robots.unreachable().allowed("http://h.test/x")).isFalse();
        assertThat(robots("").crawlDelayMillis()).isEqualTo(-1);
    }
}
