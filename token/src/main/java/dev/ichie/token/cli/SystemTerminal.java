package dev.ichie.token.cli;

import java.io.Console;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The process's own terminal: {@link System#console()} for questions, standard input for {@code
 * --…-stdin}, and standard output and error in UTF-8 (or the Windows console's encoding).
 */
final class SystemTerminal implements Terminal {

  private final Console console = System.console();
  private final PrintWriter out;
  private final PrintWriter err;
  private final Reader stdin = new InputStreamReader(System.in, StandardCharsets.UTF_8);

  SystemTerminal() {
    Charset charset = outputCharset();
    out =
        new PrintWriter(
            new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), charset), true);
    err =
        new PrintWriter(
            new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), charset), true);
  }

  private static Charset outputCharset() {
    String console = System.getProperty("sun.stdout.encoding");
    if (console != null) {
      try {
        return Charset.forName(console);
      } catch (IllegalArgumentException e) {
        // fall through
      }
    }
    return StandardCharsets.UTF_8;
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
    return console != null;
  }

  @Override
  public char[] readSecret(String prompt) {
    out.flush();
    err.flush();
    return console == null ? null : console.readPassword("%s", prompt);
  }

  @Override
  public String readLine(String prompt) {
    out.flush();
    err.flush();
    return console == null ? null : console.readLine("%s", prompt);
  }

  @Override
  public char[] readStandardInputLine() {
    char[] buffer = new char[128];
    int length = 0;
    try {
      int c;
      while ((c = stdin.read()) != -1 && c != '\n') {
        if (length == buffer.length) {
          char[] bigger = Arrays.copyOf(buffer, buffer.length * 2);
          Arrays.fill(buffer, '\0');
          buffer = bigger;
        }
        buffer[length++] = (char) c;
      }
      if (c == -1 && length == 0) {
        return null;
      }
      if (length > 0 && buffer[length - 1] == '\r') {
        length--;
      }
      return Arrays.copyOf(buffer, length);
    } catch (IOException e) {
      return null;
    } finally {
      Arrays.fill(buffer, '\0');
    }
  }
}
