package io.pixflow.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void h2FileDatabasesCommitWithoutWriteDelayAndAreClosedByPixFlow() {
        assertThat(JdbcUrls.withH2FileSettings("jdbc:h2:file:./data/pixflow"))
                .isEqualTo("jdbc:h2:file:./data/pixflow;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(JdbcUrls.withH2FileSettings("jdbc:h2:./data/pixflow;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:./data/pixflow;MODE=PostgreSQL;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        assertThat(JdbcUrls.withH2FileSettings("jdbc:h2:tcp://db:9092/~/pixflow"))
                .isEqualTo("jdbc:h2:tcp://db:9092/~/pixflow;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
    }

    @Test
    void settingsTheOperatorChoseAreKept() {
        assertThat(JdbcUrls.withH2FileSettings("jdbc:h2:file:./data/pixflow;write_delay=100;DB_CLOSE_ON_EXIT=TRUE"))
                .isEqualTo("jdbc:h2:file:./data/pixflow;write_delay=100;DB_CLOSE_ON_EXIT=TRUE");
    }

    @Test
    void inMemoryAndNonH2DatabasesAreLeftAsTheyAre() {
        assertThat(JdbcUrls.withH2FileSettings("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test");
        assertThat(JdbcUrls.withH2FileSettings("jdbc:h2:tcp://localhost:9092/mem:test"))
                .isEqualTo("jdbc:h2:tcp://localhost:9092/mem:test");
        assertThat(JdbcUrls.withH2FileSettings("jdbc:postgresql://db:5432/pixflow"))
                .isEqualTo("jdbc:postgresql://db:5432/pixflow");
    }

    @Test
    void passwordsInUrlsAreMasked() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/pixflow?user=pix&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/pixflow?user=pix&password=***&ssl=true");
        assertThat(JdbcUrls.redact("jdbc:h2:file:./data/pixflow;USER=sa;PASSWORD=hunter2"))
                .isEqualTo("jdbc:h2:file:./data/pixflow;USER=sa;PASSWORD=***");
        assertThat(JdbcUrls.redact("jdbc:postgresql://pix:hunter2@db/pixflow"))
                .isEqualTo("jdbc:postgresql://pix:***@db/pixflow");
        assertThat(JdbcUrls.redact("jdbc:h2:file:./data/pixflow")).isEqualTo("jdbc:h2:file:./data/pixflow");
    }
}
