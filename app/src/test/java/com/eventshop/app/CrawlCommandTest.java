package com.eventshop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CrawlCommandTest {

    @Test
    void argumentsBecomeAJobRequest() {
        JsonNode body = JsonMapper.builder().build().readTree(CrawlCommand.request(new String[]{
                "http://127.0.0.1:9000/", "--depth", "3", "--max-pages", "50", "-a", "price=.product .price",
                "-a", "image=img.main@src", "--domain", "127.0.0.2"}).toString());
        assertThat(body.get("seeds").get(0).asString()).isEqualTo("http://127.0.0.1:9000/");
        assertThat(body.get("maxDepth").asInt()).isEqualTo(3);
        assertThat(body.get("maxPages").asInt()).isEqualTo(50);
        assertThat(body.get("params").get("price").asString()).isEqualTo(".product .price");
        assertThat(body.get("params").get("image").asString()).isEqualTo("img.main@src");
        assertThat(body.get("allowedDomains").get(0).asString()).isEqualTo("127.0.0.2");
    }

    @Test
    void badArgumentsAreExplained() {
        assertThatThrownBy(() -> CrawlCommand.request(new String[]{"--depth", "2"})).hasMessageContaining("Name the URL");
        assertThatThrownBy(() -> CrawlCommand.request(new String[]{"http://x/", "--depth", "two"}))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> CrawlCommand.request(new String[]{"http://x/", "-a", "novalue"}))
                .hasMessageContaining("key=value");
        assertThatThrownBy(() -> CrawlCommand.request(new String[]{"http://x/", "--fast"}))
                .hasMessageContaining("Unknown option");
    }
}
