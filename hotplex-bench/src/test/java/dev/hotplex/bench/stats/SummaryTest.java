package dev.hotplex.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SummaryTest {
  @Test
  void percentilesAreNearestRankOfTheSortedSamples() {
    long[] oneToHundred = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray(); // reversed on purpose

    Summary summary = Summary.of(oneToHundred);

    assertThat(summary.count()).isEqualTo(100);
    assertThat(summary.min()).isEqualTo(1);
    assertThat(summary.median()).isEqualTo(50);
    assertThat(summary.p90()).isEqualTo(90);
    assertThat(summary.p99()).isEqualTo(99);
    assertThat(summary.max()).isEqualTo(100);
    assertThat(summary.mean()).isEqualTo(50.5);
    assertThat(summary.p99Meaningful()).isTrue();
  }

  @Test
  void everyPercentileOfFewSamplesIsAMeasuredValue() {
    Summary summary = Summary.of(new long[] {30, 10, 20});

    assertThat(summary.median()).isEqualTo(20);
    assertThat(summary.p90()).isEqualTo(30);
    assertThat(summary.p99()).isEqualTo(30);
    assertThat(summary.p99Meaningful()).isFalse();
  }

  @Test
  void summarisingLeavesTheSamplesInTheirOrder() {
    long[] samples = {3, 1, 2};

    Summary.of(samples);

    assertThat(samples).containsExactly(3, 1, 2);
  }

  @Test
  void noSamplesIsAnError() {
    assertThatThrownBy(() -> Summary.of(new long[0])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no samples");
  }

  @Test
  void recorderKeepsEverySampleInOrder() {
    Recorder recorder = new Recorder("id", "label");
    for (long i = 0; i < 1000; i++) {
      recorder.add(i);
    }

    Series series = recorder.toSeries();

    assertThat(series.nanos()).hasSize(1000).startsWith(0, 1, 2).endsWith(998, 999);
    assertThat(series.summary().median()).isEqualTo(499);
  }
}
