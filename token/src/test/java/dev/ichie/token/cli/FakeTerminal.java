package dev.ichie.token.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Deque;

/** A terminal for tests: captured output, scripted console answers and standard input. */
final class FakeTerminal implements Terminal {

  final StringWriter outBuffer = new StringWriter();
  final StringWriter errBuffer = new StringWriter();
  private final PrintWriter out = new PrintWriter(outBuffer, true);
  private final PrintWriter err = new PrintWriter(errBuffer, true);
  final Deque<String> console = new ArrayDeque<>();
  final Deque<String> stdin = new ArrayDeque<>();
  final Deque<String> prompts = new ArrayDeque<>();
  boolean interactive;

  FakeTerminal interactive(String... answers) {
    interactive = true;
    for (String a : answers) {
      console.add(a);
    }
    return this;
  }

  FakeTerminal stdin(String... lines) {
    for (String line : lines) {
      stdin.add(line);
    }
    return this;
  }

  String stdout() {
    return outBuffer.toString();
  }

  String stderr() {
    return errBuffer.toString();
  }

  @Override
  public PrintWriter out() {
    return out;
  }

  @Override
  public PrintWriter err() {
    return err;
  }

  @Override
  public boolean interactive() {
    return interactive;
  }

  @Override
  public char[] readSecret(String prompt) {
    prompts.add(prompt);
    String answer = console.poll();
    return answer == null ? null : answer.toCharArray();
  }

  @Override
  public String readLine(String prompt) {
    prompts.add(prompt);
    return console.poll();
  }

  @Override
  public char[] readStandardInputLine() {
    String line = stdin.poll();
    return line == null ? null : line.toCharArray();
  }
}
