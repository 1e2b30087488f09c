package dev.leadpact.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

class TransienceTest {

    @Test
    void aDatabaseThatIsAwayOrBusyIsWaitedFor() {
        // PostgreSQL's connection failure, shutdown, deadlock, serialization failure, too many clients
        for (String state : new String[] {"08001", "08006", "57P01", "57P03", "40P01", "40001", "53300"}) {
            assertThat(Transience.isTransient(wrapped(new SQLException("x", state))))
                    .as(state)
                    .isTrue();
        }
        // the pool's acquisition timeout carries no SQLSTATE
        assertThat(Transience.isTransient(wrapped(new SQLTransientConnectionException("Sorry, acquisition timeout!"))))
                .isTrue();
    }

    @Test
    void aMisconfiguredServiceWaitsInsteadOfDeadLetteringEveryRecord() {
        // undefined table (a migration not applied), insufficient privilege
        assertThat(Transience.isTransient(new SQLException("x", "42P01"))).isTrue();
        assertThat(Transience.isTransient(new SQLException("x", "42501"))).isTrue();
    }

    @Test
    void whatTheDataCausesIsPermanent() {
        // invalid text representation, value too long, not-null and check violations
        for (String state : new String[] {"22P02", "22001", "23502", "23514"}) {
            assertThat(Transience.isTransient(wrapped(new SQLException("x", state))))
                    .as(state)
                    .isFalse();
        }
    }

    @Test
    void aUniqueKeyTakenByAConcurrentWriterIsARace() {
        assertThat(Transience.isTransient(new SQLException("duplicate key", "23505")))
                .isTrue();
    }

    @Test
    void kafkaAndNetworkTroubleIsTransientABugIsNot() {
        assertThat(Transience.isTransient(new IllegalStateException(new NotEnoughReplicasException("x"))))
                .isTrue();
        assertThat(Transience.isTransient(new UncheckedIOException(new ConnectException("refused"))))
                .isTrue();
        assertThat(Transience.isTransient(new RecordTooLargeException("x"))).isFalse();
        assertThat(Transience.isTransient(new NullPointerException())).isFalse();
        assertThat(Transience.isTransient(new IllegalArgumentException("no lead id")))
                .isFalse();
    }

    @Test
    void theRootMessageIsTheInnermostOne() {
        assertThat(Transience.rootMessage(wrapped(new SQLException("Connection refused", "08001"))))
                .isEqualTo("Connection refused");
        assertThat(Transience.rootMessage(new NullPointerException())).isEqualTo("NullPointerException");
    }

    private static RuntimeException wrapped(SQLException e) {
        return new IllegalStateException("could not execute batch", new RuntimeException(e));
    }
}
