package openchat.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    @Test
    void burstThenRefillAtTheRate() {
        TokenBucket bucket = new TokenBucket(10, 5, 0);

        for (int i = 0; i < 10; i++) {
            assertThat(bucket.tryTake(0)).as("token %d of the burst", i).isTrue();
        }
        assertThat(bucket.tryTake(0)).isFalse();
        assertThat(bucket.millisUntilNext(0)).isEqualTo(200);
        assertThat(bucket.tryTake(199)).isFalse();
        assertThat(bucket.tryTake(200)).isTrue();
        assertThat(bucket.tryTake(200)).isFalse();
    }

    @Test
    void neverHoldsMoreThanTheBurst() {
        TokenBucket bucket = new TokenBucket(2, 5, 0);

        int taken = 0;
        while (bucket.tryTake(60_000)) {
            taken++;
        }

        assertThat(taken).isEqualTo(2);
    }

    @Test
    void clockGoingBackwardsGivesNothing() {
        TokenBucket bucket = new TokenBucket(1, 1, 1000);
        assertThat(bucket.tryTake(1000)).isTrue();

        assertThat(bucket.tryTake(0)).isFalse();
        assertThat(bucket.tryTake(1999)).isFalse();
        assertThat(bucket.tryTake(2000)).isTrue();
    }
}
