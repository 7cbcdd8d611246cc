package dev.ichie.token.cli;

import java.io.PrintWriter;

/**
 * Where the command line talks to the customer: standard output and error, secrets asked without
 * echo on the console, and lines from standard input (for {@code --password-stdin} and {@code
 * --pin-stdin}). Tests give their own.
 */
public interface Terminal {

  /** Standard output: results only (codes, lists). */
  PrintWriter out();

  /** Standard error: prompts' companions, warnings and errors. */
  PrintWriter err();

  /** Whether there is a console to ask on (without echo for secrets). */
  boolean interactive();

  /**
   * Asks for a secret on the console without echo.
   *
   * @param prompt the question
   * @return what was typed, or null at end of input; the caller wipes it
   */
  char[] readSecret(String prompt);

  /**
   * Asks for a line on the console.
   *
   * @param prompt the question
   * @return what was typed, or null at end of input
   */
  String readLine(String prompt);

  /**
   * Reads the next line of standard input (without its line end).
   *
   * @return the line, or null at end of input; the caller wipes it
   */
  char[] readStandardInputLine();
}
