package io.tracegraph.tools.generate;

import java.util.SplittableRandom;

/**
 * Seeds of the generator's random streams. Every trace draws from its own {@link SplittableRandom} seeded by
 * {@link #mix} of the run's seed, the day, the kind of trace and its index, so the output depends on what is
 * generated, never on how the work is split into Spark partitions or in which order tasks run.
 */
final class Seeds {
  /** Stream of a trace's structure: call tree, timing, hosts, ids, injected error. Same in every mode. */
  static final int STRUCTURE = 0;
  /** Stream of a trace's imperfections (realistic mode only), so they never disturb the structure. */
  static final int IMPERFECTIONS = 1;
  /** Stream of day-wide choices: the clock skew of the day. */
  static final int DAY = 2;

  private Seeds() {}

  /** SplitMix64's finaliser: a bijection on 64 bits that spreads every input bit over the output. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** One seed from several values; order matters. */
  static long mix(long seed, long... values) {
    long h = mix64(seed ^ 0x9e3779b97f4a7c15L);
    for (long v : values) h = mix64(h + 0x9e3779b97f4a7c15L + v);
    return h;
  }

  static SplittableRandom random(long seed, long... values) {
    return new SplittableRandom(mix(seed, values));
  }
}
