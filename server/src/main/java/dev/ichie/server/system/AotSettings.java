package dev.ichie.server.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import org.springframework.aot.AotDetector;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * With {@code -Dspring.aot.enabled=true} the context is the one generated when the jar was built,
 * its bean conditions already decided: refuses to start unless the active profiles and the settings
 * Ichie's own beans are conditional on are those it was generated with ({@code
 * META-INF/ichie/aot.properties}, the development defaults), naming each difference. Without AOT it
 * does nothing. Registered in {@code META-INF/spring.factories}.
 */
public final class AotSettings implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

  static final String RESOURCE = "META-INF/ichie/aot.properties";

  /** Creates the listener. */
  public AotSettings() {}

  @Override
  public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
    if (!AotDetector.useGeneratedArtifacts()) {
      return;
    }
    List<String> differences = differences(built(), event.getEnvironment());
    if (!differences.isEmpty()) {
      throw new IllegalStateException(
          "This jar's AOT-generated context is for other settings: "
              + String.join("; ", differences)
              + ". Start without -Dspring.aot.enabled=true (docs/operations.md).");
    }
  }

  static Properties built() {
    Properties built = new Properties();
    try (InputStream in = AotSettings.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      built.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return built;
  }

  static List<String> differences(Properties built, Environment env) {
    List<String> differences = new ArrayList<>();
    String wanted = built.getProperty("profiles", "");
    String active = String.join(",", new TreeSet<>(Arrays.asList(env.getActiveProfiles())));
    if (!String.join(",", new TreeSet<>(Arrays.asList(wanted.split(",")))).equals(active)) {
      differences.add(
          "profiles " + (active.isEmpty() ? "(none)" : active) + ", built for " + wanted);
    }
    for (String key : new TreeSet<>(built.stringPropertyNames())) {
      if (key.equals("profiles") || key.startsWith("default.")) {
        continue;
      }
      String value = env.getProperty(key, built.getProperty("default." + key, ""));
      if (!built.getProperty(key).equals(value)) {
        differences.add(key + " is '" + value + "', built with '" + built.getProperty(key) + "'");
      }
    }
    return differences;
  }
}
