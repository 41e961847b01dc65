package com.eventshop.catalog.it;

import com.eventshop.catalog.CatalogApplication;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** One running catalog service on a random port, against the test database and broker. */
final class CatalogInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private CatalogInstance(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    static CatalogInstance start(String jdbcUrl, Path mediaDir, Map<String, String> extra, Object... extraSources) {
        Map<String, Object> props = new HashMap<>();
        props.put("server.port", "0");
        props.put("spring.kafka.bootstrap-servers", CatalogTestInfra.kafka());
        props.put("spring.datasource.url", jdbcUrl);
        props.put("spring.datasource.username", CatalogTestInfra.postgres().username());
        props.put("spring.datasource.password", CatalogTestInfra.postgres().password());
        props.put("eventshop.catalog.media.local-dir", mediaDir.toString());
        props.put("eventshop.catalog.media.signing-key", "a-test-signing-key-of-enough-bytes");
        props.put("EVENTSHOP_LOG_FORMAT", "plain");
        props.put("management.endpoint.health.show-details", "always");
        props.putAll(extra);
        String[] args = props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(CatalogApplication.class)
                .bannerMode(Banner.Mode.OFF).logStartupInfo(false).registerShutdownHook(false)
                .properties(Map.of("spring.config.name", CatalogApplication.CONFIG_NAME));
        if (extraSources.length > 0) {
            Class<?>[] sources = java.util.Arrays.stream(extraSources).map(o -> (Class<?>) o).toArray(Class<?>[]::new);
            builder.sources(sources);
        }
        return new CatalogInstance(builder.run(args));
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
