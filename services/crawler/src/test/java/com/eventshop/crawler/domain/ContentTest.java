package com.eventshop.crawler.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Extraction, bad pages, near-duplicates and the job's scope. */
class ContentTest {

    private final PageExtractor extractor = new PageExtractor(10_000);

    @Test
    void titleTextLinksAndFields() throws Exception {
        String html = """
                <html><head><title>Blue kettle</title></head><body>
                <h1>Blue kettle</h1><p class="price">€ 24.90</p><img class="main" src="/img/k.png">
                <a href="/b?y=2&x=1#frag">b</a> <a href="http://Other.test:80/">o</a> <a href="mailto:x@y">m</a>
                <a rel="nofollow" href="/hidden">h</a>
                </body></html>""";
        PageExtractor.Page page = extractor.extract("http://shop.test/a", "text/html; charset=utf-8",
                html.getBytes(StandardCharsets.UTF_8), Map.of("price", ".price", "image", "img.main@src"));
        assertThat(page.title()).isEqualTo("Blue kettle");
        assertThat(page.text()).contains("€ 24.90");
        assertThat(page.links()).containsExactly("http://shop.test/b?x=1&y=2", "http://other.test/");
        assertThat(page.fields()).containsEntry("price", "€ 24.90").containsEntry("image", "http://shop.test/img/k.png");
    }

    @Test
    void badPages() {
        assertThatThrownBy(() -> extractor.extract("http://h/x", "application/pdf", new byte[10], Map.of()))
                .isInstanceOf(PageExtractor.BadPage.class).hasMessageContaining("not HTML");
        assertThatThrownBy(() -> extractor.extract("http://h/x", "text/html", new byte[10_001], Map.of()))
                .isInstanceOf(PageExtractor.BadPage.class).hasMessageContaining("larger");
        byte[] broken = {'<', 'p', '>', (byte) 0xC3, (byte) 0x28, '<', '/', 'p', '>'};
        assertThatThrownBy(() -> extractor.extract("http://h/x", "text/html; charset=UTF-8", broken, Map.of()))
                .isInstanceOf(PageExtractor.BadPage.class).hasMessageContaining("encoding");
        assertThatThrownBy(() -> extractor.extract("http://h/x", "text/html; charset=nonsense-7", new byte[3], Map.of()))
                .isInstanceOf(PageExtractor.BadPage.class).hasMessageContaining("unknown encoding");
    }

    @Test
    void latin1PagesDecodeFromTheirMetaTag() throws Exception {
        byte[] body = "<meta charset=\"iso-8859-1\"><title>Caf\u00e9</title>".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(extractor.extract("http://h/x", "text/html", body, Map.of()).title()).isEqualTo("Café");
    }

    @Test
    void nearDuplicatesAreCloseAndDifferentPagesAreFar() {
        String base = "Our blue kettle boils water fast. It holds 1.7 litres, has a steel body, a lid that "
                + "opens wide, a filter against limescale and switches itself off when the water boils. ";
        long a = SimHash.of(base.repeat(3) + "Today only.");
        long b = SimHash.of(base.repeat(3) + "Today only!");
        long c = SimHash.of("Garden chairs in teak: weatherproof, foldable, a set of four with cushions, "
                + "delivered assembled within a week to any address in the country.");
        assertThat(SimHash.near(a, b)).isTrue();
        assertThat(SimHash.distance(a, c)).isGreaterThan(SimHash.NEAR);
    }

    @Test
    void scope() {
        CrawlScope scope = new CrawlScope(List.of("http://shop.test/"), List.of(), List.of(), List.of("/admin"), 2);
        assertThat(scope.check("http://shop.test/a", 2)).isNull();
        assertThat(scope.check("http://shop.test/a", 3)).isEqualTo(CrawlScope.Refusal.DEPTH);
        assertThat(scope.check("http://elsewhere.test/a", 1)).isEqualTo(CrawlScope.Refusal.DOMAIN);
        assertThat(scope.check("http://shop.test/admin/x", 1)).isEqualTo(CrawlScope.Refusal.EXCLUDED);
        assertThat(scope.check("http://shop.test/a/a/a/a", 1)).isEqualTo(CrawlScope.Refusal.TRAP);
        CrawlScope domains = new CrawlScope(List.of("http://a.test/"), List.of("test"), List.of("/p/"), List.of(), 5);
        assertThat(domains.check("http://b.test/p/1", 1)).isNull();
        assertThat(domains.check("http://b.test/q/1", 1)).isEqualTo(CrawlScope.Refusal.NOT_INCLUDED);
        assertThat(CrawlScope.shape("http://h/cal?day=2026-12-08")).isEqualTo(CrawlScope.shape("http://h/cal?day=2027-01-31"));
    }
}
