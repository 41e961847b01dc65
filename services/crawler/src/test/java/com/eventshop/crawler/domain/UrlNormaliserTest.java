package com.eventshop.crawler.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlNormaliserTest {

    private static String n(String url) {
        return UrlNormaliser.normalise(url).orElse(null);
    }

    @Test
    void oneSpellingPerResource() {
        String canonical = "http://example.com/a/b?x=1&y=2";
        assertThat(n("HTTP://Example.COM:80/a/b?y=2&x=1#top")).isEqualTo(canonical);
        assertThat(n("http://example.com/a/./c/../b?x=1&y=2")).isEqualTo(canonical);
        assertThat(n("http://example.com/a/b?x=1&y=2&jsessionid=ABC")).isEqualTo(canonical);
        assertThat(n("http://example.com/a/b;jsessionid=0AF3?PHPSESSID=9&x=1&y=2")).isEqualTo(canonical);
        assertThat(n("http://example.com/a/b?x=1&&y=2&")).isEqualTo(canonical);
    }

    @Test
    void defaultPortsPathsAndEscapes() {
        assertThat(n("https://example.com:443")).isEqualTo("https://example.com/");
        assertThat(n("https://example.com:8443/x")).isEqualTo("https://example.com:8443/x");
        assertThat(n("http://127.0.0.2:8080/p%2fq")).isEqualTo("http://127.0.0.2:8080/p%2Fq");
        assertThat(n("http://example.com/a b")).isEqualTo("http://example.com/a%20b");
        assertThat(n("http://example.com/caf\u00e9")).isEqualTo("http://example.com/caf%C3%A9");
    }

    @Test
    void onlyHttpAndHttps() {
        assertThat(n("file:///etc/passwd")).isNull();
        assertThat(n("ftp://example.com/x")).isNull();
        assertThat(n("javascript:alert(1)")).isNull();
        assertThat(n("mailto:a@example.com")).isNull();
        assertThat(n("http://")).isNull();
        assertThat(n("not a url")).isNull();
    }

    @Test
    void relativeLinksResolveAgainstTheirPage() {
        assertThat(UrlNormaliser.normalise("http://example.com/a/b.html", "../c.html?b=2&a=1"))
                .contains("http://example.com/c.html?a=1&b=2");
    }

    @Test
    void hostKeysKeepNonDefaultPorts() {
        assertThat(UrlNormaliser.hostKey("http://127.0.0.3:9000/x")).isEqualTo("127.0.0.3:9000");
        assertThat(UrlNormaliser.hostKey("http://example.com/x")).isEqualTo("example.com");
        assertThat(UrlNormaliser.origin("http://127.0.0.3:9000/x?y")).isEqualTo("http://127.0.0.3:9000");
    }
}
