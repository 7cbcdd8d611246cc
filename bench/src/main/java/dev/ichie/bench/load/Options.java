package dev.ichie.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;

/** A load generator's {@code --name=value} options. */
final class Options {

  private final Map<String, String> values;

  private Options(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses the arguments, or exits with 2 and says how they are written.
   *
   * @param args the command line
   * @param generator the generator's class, named in the message
   * @return the options
   */
  static Options parse(String[] args, Class<?> generator) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String a : args) {
      if (!a.startsWith("--") || !a.contains("=")) {
        System.err.println(
            "options are --name=value; see the " + generator.getSimpleName() + " class comment");
        System.exit(2);
      }
      values.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
    }
    return new Options(values);
  }

  String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  String get(String name) {
    return values.get(name);
  }

  String required(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("--" + name + "= is required");
    }
    return v;
  }

  /**
   * The first group of a pattern in an answer.
   *
   * @throws IllegalStateException when the answer does not have it
   */
  static String find(java.util.regex.Pattern p, String text) {
    java.util.regex.Matcher m = p.matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("no " + p + " in " + text);
    }
    return m.group(1);
  }
}
