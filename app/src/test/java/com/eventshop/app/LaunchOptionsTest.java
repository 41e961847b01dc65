package com.eventshop.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    @Test
    void defaultsToUpWithTheDataFolderInTheWorkingDirectory() {
        LaunchOptions options = LaunchOptions.parse(new String[] {}, Map.of());
        assertThat(options.command()).isEqualTo("up");
        assertThat(options.fresh()).isFalse();
        assertThat(options.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
    }

    @Test
    void readsFreshAndDataDirFromArgumentsOrEnvironment() {
        assertThat(LaunchOptions.parse(new String[] {"up", "--fresh", "--data-dir", "/tmp/x"}, Map.of()))
                .isEqualTo(new LaunchOptions("up", true, Path.of("/tmp/x")));
        assertThat(LaunchOptions.parse(new String[] {"up"}, Map.of("EVENTSHOP_DATA_DIR", "/srv/es")).dataDir())
                .isEqualTo(Path.of("/srv/es"));
    }

    @Test
    void unknownOptionsAreExplained() {
        assertThatThrownBy(() -> LaunchOptions.parse(new String[] {"up", "--frsh"}, Map.of()))
                .isInstanceOf(LaunchException.class)
                .hasMessageContaining("--frsh").hasMessageContaining("Usage");
    }
}
