package dev.ichie.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

class AotSettingsTest {

  @Test
  void thePackagedSettingsAreTheDevelopmentDefaults() throws Exception {
    StandardEnvironment env = new StandardEnvironment();
    YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
    for (String file : new String[] {"application-dev.yml", "application.yml"}) {
      yaml.load(file, new ClassPathResource(file)).forEach(env.getPropertySources()::addLast);
    }
    env.setActiveProfiles("dev");

    assertThat(AotSettings.differences(AotSettings.built(), env)).isEmpty();
  }

  @Test
  void anotherProfileOrConditionIsNamed() {
    Properties built = AotSettings.built();
    MockEnvironment prod =
        new MockEnvironment().withProperty("ichie.netbank.demo-customers", "true");
    prod.setActiveProfiles("prod");

    assertThat(AotSettings.differences(built, prod))
        .containsExactly(
            "profiles prod, built for dev",
            "ichie.branch.demo-staff is 'false', built with 'true'");
  }

  @Test
  void anUnsetSettingCountsAsItsConditionsDefault() {
    MockEnvironment dev =
        new MockEnvironment()
            .withProperty("ichie.netbank.demo-customers", "true")
            .withProperty("ichie.branch.demo-staff", "true")
            .withProperty("ichie.jobs.enabled", "false");
    dev.setActiveProfiles("dev");

    assertThat(AotSettings.differences(AotSettings.built(), dev))
        .containsExactly("ichie.jobs.enabled is 'false', built with 'true'");
  }
}
