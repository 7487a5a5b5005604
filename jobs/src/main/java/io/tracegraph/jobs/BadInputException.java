package io.tracegraph.jobs;

/**
 * Input the job cannot use: a missing column, an unreadable file, a path that does not exist. The command line
 * prints the message (which names the file, row or field) and exits with code 3, without a stack trace.
 */
public class BadInputException extends RuntimeException {
  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
