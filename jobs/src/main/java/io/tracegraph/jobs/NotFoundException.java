package io.tracegraph.jobs;

/**
 * What was asked for is not in the input, which is otherwise fine: a trace id with no span in the days read. The
 * command line prints the message (what was looked for, where, and how much was read) and exits with code 6.
 */
public class NotFoundException extends RuntimeException {
  public NotFoundException(String message) {
    super(message);
  }
}
