package io.pixflow.bootstrap;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pixflow.adapter.persistence.DatabaseOpenException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database opens beside the rest of the set-up, but a server whose database cannot open does not start. */
class ServerStartTest {

    @TempDir
    Path dataDirectory;

    @Test
    void aDatabaseThatCannotBeOpenedStopsTheStartWithItsReason() throws IOException {
        // H2 cannot make a directory where a file already is.
        Path notADirectory = Files.createFile(dataDirectory.resolve("not-a-directory"));
        Settings settings = TestServers.on("jdbc:h2:file:" + notADirectory.resolve("pixflow").toAbsolutePath());

        assertThatThrownBy(() -> PixFlowServer.start(settings).close())
                .isInstanceOf(DatabaseOpenException.class)
                .hasMessageContaining("Cannot open database jdbc:h2:file:")
                .hasMessageContaining("not-a-directory");
    }
}
