package io.pixflow.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    /** What PixFlow appends to an H2 database by file, in this order. */
    private static final String ADDED = ";WRITE_DELAY=0;PAGE_SIZE=4096;CACHE_SIZE=4096;DB_CLOSE_ON_EXIT=FALSE";

    @Test
    void h2FileDatabasesCommitWithoutWriteDelayAndAreClosedByPixFlow() {
        assertThat(JdbcUrls.withH2FileSettings("jdbc:h2:file:./data/pixflow"))
                .isEqualTo("jdbc:h2:file:./data/pixflow" + ADDED);
        assertThat(JdbcUrls.withH2FileSettings("jdbc:h2:./data/pixflow;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:./data/pixflow;MODE=PostgreSQL" + ADDED);
        assertThat(JdbcUrls.withH2FileSettings("jdbc:h2:tcp://db:9092/~/pixflow"))
                .isEqualTo("jdbc:h2:tcp://db:9092/~/pixflow" + ADDED);
    }

    @Test
    void settingsTheOperatorChoseAreKept() {
        String chosen = "jdbc:h2:file:./data/pixflow;write_delay=100;page_size=16384;Cache_Size=65536"
                + ";DB_CLOSE_ON_EXIT=TRUE";

        assertThat(JdbcUrls.withH2FileSettings(chosen)).isEqualTo(chosen);
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
    void onlyH2ByFileOrInMemoryIsEmbedded() {
        assertThat(JdbcUrls.isEmbedded("jdbc:h2:file:./data/pixflow")).isTrue();
        assertThat(JdbcUrls.isEmbedded("JDBC:H2:./data/pixflow")).isTrue();
        assertThat(JdbcUrls.isEmbedded("jdbc:h2:mem:test")).isTrue();
        assertThat(JdbcUrls.isEmbedded("jdbc:h2:tcp://db:9092/~/pixflow")).isFalse();
        assertThat(JdbcUrls.isEmbedded("jdbc:h2:ssl://db:9092/~/pixflow")).isFalse();
        assertThat(JdbcUrls.isEmbedded("jdbc:postgresql://db:5432/pixflow")).isFalse();
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

    @Test
    void postgresqlConnectionsWaitNeitherForeverToConnectNorForeverForAnAnswer() {
        assertThat(JdbcUrls.postgresqlTimeouts("jdbc:postgresql://db:5432/pixflow", Duration.ofSeconds(3), true))
                .containsExactly(entry("connectTimeout", "3"), entry("loginTimeout", "3"), entry("socketTimeout", "5"));
    }

    @Test
    void migrationsMayTakeAsLongAsTheyNeedOnceConnected() {
        assertThat(JdbcUrls.postgresqlTimeouts("jdbc:postgresql://db:5432/pixflow", Duration.ofSeconds(3), false))
                .containsOnlyKeys("connectTimeout", "loginTimeout");
    }

    @Test
    void aConnectionTimeoutBelowASecondBecomesOneSecondForTheDriver() {
        assertThat(JdbcUrls.postgresqlTimeouts("jdbc:postgresql://db/pixflow", Duration.ofMillis(250), true))
                .contains(entry("connectTimeout", "1"), entry("loginTimeout", "1"));
        assertThat(JdbcUrls.postgresqlTimeouts("jdbc:postgresql://db/pixflow", Duration.ofMillis(3001), true))
                .contains(entry("connectTimeout", "4"));
    }

    @Test
    void timeoutsTheOperatorPutInTheUrlAreLeftToTheUrl() {
        assertThat(JdbcUrls.postgresqlTimeouts(
                "jdbc:postgresql://db/pixflow?ssl=true&socketTimeout=30&loginTimeout=10", Duration.ofSeconds(3), true))
                .containsExactly(entry("connectTimeout", "3"));
    }

    @Test
    void otherDatabasesGetNoDriverProperties() {
        assertThat(JdbcUrls.postgresqlTimeouts("jdbc:h2:file:./data/pixflow", Duration.ofSeconds(3), true)).isEmpty();
    }
}
