package io.tracegraph.jobs.source;

import io.tracegraph.model.HexIds;
import java.nio.charset.StandardCharsets;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The bytes of a Spark {@link UTF8String} seen as a {@link CharSequence}, one char per byte, neither decoded nor
 * copied: how the analysis hands ids to the model's parser ({@link HexIds}) without making a {@code String} of each.
 * ASCII reads as itself; every byte of a multi-byte character reads as a char of 0x80 or more, which is never a hex
 * digit, so an id holding one is invalid here exactly as its decoded {@code String} is (their lengths differ, which
 * cannot change the verdict: only all-ASCII text is ever read as an id). Mutable and reused from row to row: one view
 * per column per task, never kept beyond the row.
 */
final class Utf8Chars implements CharSequence {
  private UTF8String text;

  /** This view over {@code text}, or null for null (a missing value). */
  CharSequence over(UTF8String text) {
    this.text = text;
    return text == null ? null : this;
  }

  @Override
  public int length() {
    return text.numBytes();
  }

  @Override
  public char charAt(int index) {
    return (char) (text.getByte(index) & 0xff);
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new StringBuilder(end - start).append(this, start, end);
  }

  /** The chars this view shows, one per byte (not the UTF-8 decoding). */
  @Override
  public String toString() {
    return new String(text.getBytes(), StandardCharsets.ISO_8859_1);
  }
}
