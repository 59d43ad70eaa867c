package openchat.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import openchat.server.testing.CapturedLog;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class UnexpectedErrorsTest {
    private static final Logger SESSION_LOG = LoggerFactory.getLogger("openchat.test.UnexpectedErrorsTest.session");

    @Test
    void aPeerThatWentAwayMidMessageOrMidWriteIsNoUnexpectedError() {
        assertThat(UnexpectedErrors.peerWentAway(new IOException("Connection reset by peer")))
                .isTrue();
        assertThat(UnexpectedErrors.peerWentAway(new PrematureChannelClosureException()))
                .isTrue();
        assertThat(UnexpectedErrors.peerWentAway(new IllegalStateException())).isFalse();
    }

    @Test
    void aStormOfUnexpectedErrorsIsOneStackTraceThenOneCountALinePerMinute() {
        UnexpectedErrors errors = new UnexpectedErrors();
        EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
        ChannelHandlerContext ctx = channel.pipeline().firstContext();
        try (CapturedLog session = new CapturedLog(SESSION_LOG.getName());
                CapturedLog summary = new CapturedLog(UnexpectedErrors.class.getName())) {
            for (int i = 0; i < 1000; i++) {
                errors.log(SESSION_LOG, ctx, new IllegalStateException("bug " + i));
            }
            errors.log(SESSION_LOG, ctx, new ArithmeticException());

            assertThat(session.events()).hasSize(1);
            ILoggingEvent first = session.events().get(0);
            assertThat(first.getLevel()).isEqualTo(Level.WARN);
            assertThat(first.getThrowableProxy().getMessage()).isEqualTo("bug 0");

            channel.advanceTimeBy(1, TimeUnit.MINUTES);
            channel.runScheduledPendingTasks();

            assertThat(summary.messages(Level.WARN))
                    .containsExactly("1000 more unexpected errors on connections in the last minute:"
                            + " java.lang.IllegalStateException (999), java.lang.ArithmeticException (1)");
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
